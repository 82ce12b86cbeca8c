// Walks the format trie over a token list, the way the parser does, to say how far a broken
// message got. Used only on the error path, for the hint ("which request did you mean?"), so
// Chevrotain's internal error objects never shape what a reseller reads.
import { tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import type { Atom } from './atoms.js';
import { hasKeywordChild, type Leaf, type TrieNode } from './format-trie.js';
import type { TokenSet } from './tokens.js';

export interface WalkResult {
  /** The deepest node reached; its `hint` is the format the message most likely meant. */
  readonly node: TrieNode;
  /** A keyword was matched on the way. */
  readonly sawKeyword: boolean;
  /** Number of placeholder atoms matched (codes, digits, markup items). */
  readonly slots: number;
  /** Set when the whole token list matched a format. */
  readonly leaf: Leaf | undefined;
}

export function walkTrie(root: TrieNode, tokens: readonly IToken[], t: TokenSet): WalkResult {
  let node = root;
  let p = 0;
  let sawKeyword = false;
  let slots = 0;
  for (;;) {
    const strict = hasKeywordChild(node);
    let next: TrieNode | undefined;
    let used = 0;
    for (const child of node.children.values()) {
      used = match(child.atom as Atom, tokens, p, strict, t);
      if (used >= 0) {
        next = child;
        break;
      }
    }
    if (next === undefined) return { node, sawKeyword, slots, leaf: undefined };
    const kind = next.atom?.kind;
    if (kind === 'kw') sawKeyword = true;
    if (kind === 'code' || kind === 'digits' || kind === 'mitem') slots += 1;
    if (next.leaf !== undefined) return { node: next, sawKeyword, slots, leaf: next.leaf };
    node = next;
    p += used;
  }
}

/** Tokens the atom consumes at position p, or -1 when it does not match there. */
function match(atom: Atom, tokens: readonly IToken[], p: number, strict: boolean, t: TokenSet): number {
  const is = (i: number, type: TokenType | undefined): boolean => {
    const tok = tokens[i];
    return tok !== undefined && type !== undefined && tokenMatcher(tok, type);
  };
  switch (atom.kind) {
    case 'kw': return is(p, t.keywords.get(atom.word ?? '')) ? 1 : -1;
    case 'sep': return is(p, t.Sep) ? 1 : -1;
    case 'star': return is(p, t.Star) ? 1 : -1;
    case 'code': return is(p, strict ? t.Code : t.AnyWord) ? 1 : -1;
    case 'digits': return is(p, t.Digits) ? 1 : -1;
    case 'mitem': return is(p, t.MarkupItem) ? 1 : -1;
    case 'rep-cm': return repeat(p, (i) => is(i, t.Comma) && is(i + 1, t.MarkupItem));
    case 'rep-cc': return repeat(p, (i) => is(i, t.Comma) && is(i + 1, t.AnyWord));
    case 'rep-sw': return repeat(p, (i) => is(i, t.Space) && (is(i + 1, t.AnyWord) || is(i + 1, t.Digits)));
    case 'eof': return p === tokens.length ? 0 : -1;
  }
}

/** One or more two-token items; -1 when not even one. */
function repeat(p: number, pairAt: (i: number) => boolean): number {
  let i = p;
  while (pairAt(i)) i += 2;
  return i === p ? -1 : i - p;
}
