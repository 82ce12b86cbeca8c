import { describe, expect, it } from 'vitest';
import { GrammarError } from '../../src/grammar/grammar-error.js';
import { LanguageHolder } from '../../src/grammar/language-holder.js';
import { languageOf } from './grammar-fixture.js';

describe('LanguageHolder', () => {
  it('swaps in a good build', () => {
    const holder = new LanguageHolder(languageOf());
    const result = holder.tryReload(() => languageOf({ requests: { UbahMarkupProduk: { formats: ['MS.<downline>.<markups>.<pin>'] } } }));
    expect(result).toEqual({ ok: true });
    expect(holder.current.parse('MS.OX0003.S5=50.1234').ok).toBe(true);
  });

  it('keeps the running set when the edit is broken, and says why', () => {
    const first = languageOf();
    const holder = new LanguageHolder(first);
    const result = holder.tryReload(() => languageOf({ separators: ['*'] }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(GrammarError);
      expect(result.error.message).toContain('separator "*" is also the wildcard');
    }
    expect(holder.current).toBe(first);
    expect(holder.current.parse('SAL.1234').ok).toBe(true);
  });

  it('turns a non-Error throw into an Error', () => {
    const holder = new LanguageHolder(languageOf());
    const result = holder.tryReload(() => {
      throw 'boom';
    });
    expect(result).toMatchObject({ ok: false, error: { message: 'boom' } });
  });
});
