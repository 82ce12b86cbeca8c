// Holds the language in use and swaps it on reload. A failed build leaves the running one in
// place: a broken edit must never take a working gateway down.
import type { CompiledLanguage } from './language.js';

export type ReloadResult = { readonly ok: true } | { readonly ok: false; readonly error: Error };

export class LanguageHolder {
  #current: CompiledLanguage;

  constructor(initial: CompiledLanguage) {
    this.#current = initial;
  }

  /** Read it per message (not once at start), so a reload takes effect on the next one. */
  get current(): CompiledLanguage {
    return this.#current;
  }

  tryReload(build: () => CompiledLanguage): ReloadResult {
    try {
      const next = build();
      this.#current = next;
      return { ok: true };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
    }
  }
}
