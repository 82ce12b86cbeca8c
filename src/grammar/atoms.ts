// Expands a format into atom sequences: the unit the format trie and the parser are built from.
//
// Every atom starts with a token type no sibling atom can start with (see format-trie.ts), so
// the union of all formats is LL(1) by construction. Lists and multi-word names are the only
// variable-length parts; each is expanded into two sequences, "one item" and "one item then a
// non-empty tail", instead of an optional tail: an optional part followed by more fields is the
// trap of limits.md §3.4 (LL(k) does not look past the end of a rule).
import type { EffectiveFormat } from './formats-in-effect.js';
import { GrammarError } from './grammar-error.js';
import { PLACEHOLDER_SPECS, type Shape } from './placeholders.js';

export type AtomKind =
  | 'kw' // one keyword spelling
  | 'sep' // a separator
  | 'star' // the wildcard "*"
  | 'code' // letter then letters/digits
  | 'digits'
  | 'mitem' // one P=m markup item
  | 'rep-cm' // one or more ",P=m"
  | 'rep-cc' // one or more ",P"
  | 'rep-sw' // one or more " word" (multi-word names)
  | 'eof';

export interface Atom {
  readonly kind: AtomKind;
  /** The keyword, for `kw` atoms. */
  readonly word?: string;
  /** Index of the format segment the atom belongs to (slots only). */
  readonly slot?: number;
}

export function atomKey(atom: Atom): string {
  return atom.kind === 'kw' ? `kw:${atom.word ?? ''}` : atom.kind;
}

const MAX_SEQUENCES = 256;

/**
 * All atom sequences of one format. `spaceInNames` is true when space is not a separator, so a
 * name may be several words.
 */
export function expandFormat(f: EffectiveFormat, spaceInNames: boolean): Atom[][] {
  let sequences: Atom[][] = [[]];
  f.segments.forEach((segment, i) => {
    const variants: Atom[][] =
      segment.type === 'star'
        ? [[{ kind: 'star' }]]
        : segment.type === 'keyword'
          ? (i === 0 && f.spellings.length > 0 ? f.spellings : [segment.word]).map((word) => [{ kind: 'kw', word }])
          : shapeVariants(PLACEHOLDER_SPECS[segment.placeholder].shape, i, spaceInNames);
    const sep: Atom[] = i === 0 ? [] : [{ kind: 'sep' }];
    sequences = sequences.flatMap((seq) => variants.map((v) => [...seq, ...sep, ...v]));
    if (sequences.length > MAX_SEQUENCES) {
      throw new GrammarError({ key: f.key, format: f.format, reason: 'too many aliases and lists in one format' });
    }
  });
  return sequences.map((seq) => [...seq, { kind: 'eof' }]);
}

function shapeVariants(shape: Shape, slot: number, spaceInNames: boolean): Atom[][] {
  switch (shape) {
    case 'code':
      return [[{ kind: 'code', slot }]];
    case 'digits':
      return [[{ kind: 'digits', slot }]];
    case 'markups':
      return [[{ kind: 'mitem', slot }], [{ kind: 'mitem', slot }, { kind: 'rep-cm', slot }]];
    case 'products':
      return [[{ kind: 'code', slot }], [{ kind: 'code', slot }, { kind: 'rep-cc', slot }]];
    case 'name':
      return spaceInNames
        ? [[{ kind: 'code', slot }], [{ kind: 'code', slot }, { kind: 'rep-sw', slot }]]
        : [[{ kind: 'code', slot }]];
  }
}

/** A message matching the sequence, for error texts ("both accept e.g. ..."). */
export function sampleMessage(atoms: readonly Atom[], sep: string): string {
  const parts: Record<AtomKind, string> = {
    kw: '',
    sep,
    star: '*',
    code: 'A1',
    digits: '1234',
    mitem: 'A1=5',
    'rep-cm': ',B2=5',
    'rep-cc': ',B2',
    'rep-sw': ' B2',
    eof: '',
  };
  return atoms.map((a) => (a.kind === 'kw' ? (a.word ?? '') : parts[a.kind])).join('');
}
