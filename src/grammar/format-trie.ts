// The prefix tree of all atom sequences in effect. It is both our ambiguity check and the
// skeleton of the Chevrotain grammar (build-parser.ts).
//
// Why this detects every ambiguity: sibling atoms start with distinct token types (after a
// separator: a keyword, "*", code, digits or a P=m item; after a code: a separator, ",", " " or
// the end; after a P=m item: a separator, "," or the end), and a keyword sibling makes a code
// sibling refuse keyword tokens. So two different sequences never accept the same token list,
// and two formats accept a common message exactly when they share a whole sequence, which is
// when they meet at the same end node. Chevrotain does not see this across formats by itself.
import { atomKey, expandFormat, sampleMessage, type Atom } from './atoms.js';
import type { EffectiveFormat } from './formats-in-effect.js';
import { GrammarError } from './grammar-error.js';

export interface Leaf {
  readonly id: number;
  readonly format: EffectiveFormat;
  readonly atoms: readonly Atom[];
}

export interface TrieNode {
  readonly id: number;
  /** The atom on the edge into this node; undefined at the root. */
  readonly atom: Atom | undefined;
  readonly children: Map<string, TrieNode>;
  /** The first-declared format through this node: the hint when a message stops here. */
  hint: EffectiveFormat;
  /** Set on end (`eof`) nodes. */
  leaf?: Leaf;
}

export interface FormatTrie {
  readonly root: TrieNode;
  readonly leaves: readonly Leaf[];
  /** Every keyword spelling in effect, upper case. */
  readonly keywords: ReadonlySet<string>;
}

export function buildTrie(formats: readonly EffectiveFormat[], spaceInNames: boolean, sep: string): FormatTrie {
  const first = formats[0];
  if (first === undefined) throw new GrammarError({ reason: 'no request formats in effect' });
  let nextId = 0;
  const root: TrieNode = { id: nextId++, atom: undefined, children: new Map(), hint: first };
  const leaves: Leaf[] = [];
  const keywords = new Set<string>();
  for (const format of formats) {
    for (const atoms of expandFormat(format, spaceInNames)) {
      let node = root;
      for (const atom of atoms) {
        if (atom.kind === 'kw' && atom.word !== undefined) keywords.add(atom.word);
        const key = atomKey(atom);
        let child = node.children.get(key);
        if (child === undefined) {
          child = { id: nextId++, atom, children: new Map(), hint: format };
          node.children.set(key, child);
        } else if (format.index < child.hint.index) {
          child.hint = format;
        }
        node = child;
      }
      if (node.leaf !== undefined) throw ambiguity(format, node.leaf.format, atoms, sep);
      node.leaf = { id: leaves.length, format, atoms };
      leaves.push(node.leaf);
    }
  }
  return { root, leaves, keywords };
}

function ambiguity(format: EffectiveFormat, other: EffectiveFormat, atoms: readonly Atom[], sep: string): GrammarError {
  const same = other.key === format.key ? `its format "${other.format}"` : `${other.key} "${other.format}"`;
  return new GrammarError({
    key: format.key,
    format: format.format,
    reason: `ambiguous: accepts the same messages as ${same}, e.g. "${sampleMessage(atoms, sep)}"`,
  });
}

/** True when a code atom at this node must refuse keyword tokens (a keyword sibling wins). */
export function hasKeywordChild(node: TrieNode): boolean {
  for (const child of node.children.values()) if (child.atom?.kind === 'kw') return true;
  return false;
}
