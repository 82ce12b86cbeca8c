// Reads a matched message's fields off its tokens, using the atom sequence of the leaf the
// parser returned, and checks each value (PIN length, counter range, ...).
import type { IToken } from 'chevrotain';
import type { Command } from '../domain/commands.js';
import type { Leaf } from './format-trie.js';
import { PLACEHOLDER_SPECS, type Placeholder } from './placeholders.js';

export type ToCommandResult =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly field: Placeholder };

export function toCommand(leaf: Leaf, tokens: readonly IToken[]): ToCommandResult {
  const words = slotWords(leaf, tokens);
  const command: Record<string, unknown> = { kind: leaf.format.key };
  const segments = leaf.format.segments;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment?.type !== 'slot') continue;
    const spec = PLACEHOLDER_SPECS[segment.placeholder];
    const value = spec.convert(words[i] ?? []);
    if (value === undefined) return { ok: false, field: segment.placeholder };
    command[spec.field] = value;
  }
  // The catalogue's fields per key match the Command union (checked by test/grammar tests).
  return { ok: true, command: command as Command };
}

/** The word images of each slot, indexed by segment; list commas and name spaces dropped. */
function slotWords(leaf: Leaf, tokens: readonly IToken[]): string[][] {
  const words: string[][] = [];
  const add = (slot: number | undefined, tok: IToken | undefined): void => {
    if (slot === undefined || tok === undefined) return;
    (words[slot] ??= []).push(tok.image);
  };
  let p = 0;
  for (const atom of leaf.atoms) {
    const kind = atom.kind;
    if (kind === 'eof') break;
    if (kind === 'rep-cm' || kind === 'rep-cc' || kind === 'rep-sw') {
      // Pairs of (comma or space, word) until the next separator or the end.
      const joiner = tokens[p]?.tokenType;
      while (p < tokens.length && tokens[p]?.tokenType === joiner) {
        add(atom.slot, tokens[p + 1]);
        p += 2;
      }
      continue;
    }
    add(atom.slot, tokens[p]);
    p += 1;
  }
  return words;
}
