// Turns the format trie into one Chevrotain parser. The whole trie is planned into the start
// rule as nested alternatives (a rule call costs more than the rest of a short message); a
// subtree spills into a rule of its own only when the start rule would run out of occurrence
// indices. The parser only recognises: it returns the id of the leaf (format sequence) a
// message matched, and to-command.ts reads the fields off the tokens.
//
// Occurrence indices must be fixed per call site (recording runs every alternative, parsing
// only one), so each rule is first planned as data with its indices assigned, then interpreted.
import { EmbeddedActionsParser, EOF, type IOrAlt, type IParserErrorMessageProvider, type IToken, type ParserMethod, type TokenType } from 'chevrotain';
import type { Atom } from './atoms.js';
import { hasKeywordChild, type FormatTrie, type TrieNode } from './format-trie.js';
import { GrammarError } from './grammar-error.js';
import type { TokenSet } from './tokens.js';

type Step =
  | { readonly op: 'consume'; readonly idx: number; readonly tok: TokenType }
  | { readonly op: 'repeat'; readonly idx: number; readonly steps: readonly Step[] }
  | { readonly op: 'word'; readonly idx: number; readonly alts: readonly IOrAlt<unknown>[] };

/** What follows a run of steps: the end of a message, a choice, or another rule. */
type End =
  | { readonly op: 'leaf'; readonly leaf: number }
  | { readonly op: 'choice'; readonly idx: number; readonly alts: readonly Plan[] }
  | { readonly op: 'rule'; readonly idx: number; readonly node: TrieNode };

interface Plan {
  readonly steps: readonly Step[];
  readonly end: End;
}

/**
 * Chevrotain's messages never reach a reseller (walk-trie.ts words the issue), so skip
 * building them: the error path is the slow path (limits.md §3.2).
 */
const SILENT_ERRORS: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: () => 'mismatch',
  buildNotAllInputParsedMessage: () => 'not all input parsed',
  buildNoViableAltMessage: () => 'no viable alternative',
  buildEarlyExitMessage: () => 'early exit',
};

/** Spill a subtree into its own rule when a counter could pass this (limit 255). */
const INDEX_BUDGET = 200;

/** Chevrotain refuses an alternation of more than 256 alternatives. */
const MAX_ALTS = 200;

/** Per-rule occurrence counters, one per DSL method (limit 255, limits.md §3.4). */
class Indices {
  private readonly next = new Map<string, number>();
  /** The highest counter so far. */
  get max(): number {
    let m = 0;
    for (const n of this.next.values()) m = Math.max(m, n);
    return m;
  }

  take(method: string): number {
    const n = this.next.get(method) ?? 0;
    if (n > 255) throw new GrammarError({ reason: 'too many formats share one prefix (parser limit)' });
    this.next.set(method, n + 1);
    return n;
  }
}

export class FormatParser extends EmbeddedActionsParser {
  private readonly rules = new Map<number, ParserMethod<[], number>>();
  private readonly start: ParserMethod<[], number>;
  private readonly sizes = new Map<TrieNode, number>();

  constructor(
    trie: FormatTrie,
    private readonly t: TokenSet,
    verify = false,
  ) {
    // Validations off by default: the trie is LL(1) by construction (format-trie.ts) and the
    // tests build every configuration they use with `verify` on, which makes Chevrotain check
    // it too. Off, a cold first build takes ~35 ms instead of ~55 ms (limits.md §3.3).
    super([...t.vocabulary], {
      maxLookahead: 1,
      recoveryEnabled: false, // a "repaired" command must never execute (limits.md §3.5)
      skipValidations: !verify,
      errorMessageProvider: SILENT_ERRORS,
    });
    const pending: TrieNode[] = [trie.root];
    for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
      const plan = this.planFrom(node, new Indices(), pending);
      this.rules.set(node.id, this.RULE(`n${node.id}`, () => this.run(plan)));
    }
    this.start = this.rules.get(trie.root.id) as ParserMethod<[], number>;
    this.performSelfAnalysis();
  }

  /** The matched leaf id, or undefined when the tokens fit no format. */
  recognise(tokens: IToken[]): number | undefined {
    this.input = tokens;
    // Chevrotain signals a mismatch by throwing and catching an Error internally; capturing its
    // stack is most of the cost of a refused message (11 -> 6 µs). Synchronous, restored below.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      const leaf = this.start();
      return this.errors.length === 0 ? leaf : undefined;
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  /** Plans everything after `node`: its straight run of atoms, then a leaf or a choice. */
  private planFrom(node: TrieNode, ix: Indices, pending: TrieNode[]): Plan {
    const steps: Step[] = [];
    let cur = node;
    while (cur.children.size === 1) {
      const child = [...cur.children.values()][0] as TrieNode;
      steps.push(...this.atomSteps(child.atom as Atom, hasKeywordChild(cur), ix));
      if (child.leaf !== undefined) return { steps, end: { op: 'leaf', leaf: child.leaf.id } };
      cur = child;
    }
    const strict = hasKeywordChild(cur);
    const alts = [...cur.children.values()].map((child): Plan => {
      const first = this.atomSteps(child.atom as Atom, strict, ix);
      if (child.leaf !== undefined) return { steps: first, end: { op: 'leaf', leaf: child.leaf.id } };
      if (ix.max + this.size(child) > INDEX_BUDGET) {
        pending.push(child);
        return { steps: first, end: { op: 'rule', idx: ix.take('subrule'), node: child } };
      }
      const rest = this.planFrom(child, ix, pending);
      return { steps: [...first, ...rest.steps], end: rest.end };
    });
    return { steps, end: this.choice(alts, ix) };
  }

  /** An alternation of at most MAX_ALTS alternatives, nested in groups when there are more. */
  private choice(alts: readonly Plan[], ix: Indices): End {
    if (alts.length <= MAX_ALTS) return { op: 'choice', idx: ix.take('or'), alts };
    const groups: Plan[] = [];
    for (let i = 0; i < alts.length; i += MAX_ALTS) groups.push({ steps: [], end: this.choice(alts.slice(i, i + MAX_ALTS), ix) });
    return this.choice(groups, ix);
  }

  /** Nodes below `node`: a bound on the indices its plan can take. */
  private size(node: TrieNode): number {
    let n = this.sizes.get(node);
    if (n === undefined) {
      n = 1;
      for (const child of node.children.values()) n += this.size(child);
      this.sizes.set(node, n);
    }
    return n;
  }

  private atomSteps(atom: Atom, strict: boolean, ix: Indices): Step[] {
    const t = this.t;
    const one = (tok: TokenType | undefined): Step => {
      if (tok === undefined) throw new GrammarError({ reason: `no token for atom ${atom.kind}` });
      return { op: 'consume', idx: ix.take(`consume:${tok.name}`), tok };
    };
    switch (atom.kind) {
      case 'kw': return [one(t.keywords.get(atom.word ?? ''))];
      case 'sep': return [one(t.Sep)];
      case 'star': return [one(t.Star)];
      case 'code': return [one(strict ? t.Code : t.AnyWord)];
      case 'digits': return [one(t.Digits)];
      case 'mitem': return [one(t.MarkupItem)];
      case 'rep-cm': return [{ op: 'repeat', idx: ix.take('repeat'), steps: [one(t.Comma), one(t.MarkupItem)] }];
      case 'rep-cc': return [{ op: 'repeat', idx: ix.take('repeat'), steps: [one(t.Comma), one(t.AnyWord)] }];
      case 'rep-sw': return [{ op: 'repeat', idx: ix.take('repeat'), steps: [one(t.Space), this.wordStep(ix)] }];
      case 'eof': return [one(EOF)];
    }
  }

  /** A word of a multi-word name: a code/keyword or digits ("TOKO 88"). */
  private wordStep(ix: Indices): Step {
    const word = { idx: ix.take(`consume:${this.t.AnyWord.name}`), tok: this.t.AnyWord };
    const num = { idx: ix.take(`consume:${this.t.Digits.name}`), tok: this.t.Digits };
    const alts = [word, num].map((c) => ({ ALT: () => this.consume(c.idx, c.tok) }));
    return { op: 'word', idx: ix.take('or'), alts };
  }

  private run(plan: Plan): number {
    this.runSteps(plan.steps);
    const end = plan.end;
    if (end.op === 'leaf') return end.leaf;
    if (end.op === 'rule') return this.subrule(end.idx, this.rules.get(end.node.id) as ParserMethod<[], number>);
    return this.or(end.idx, this.altsOf(end.alts));
  }

  private runSteps(steps: readonly Step[]): void {
    for (const s of steps) {
      if (s.op === 'consume') this.consume(s.idx, s.tok);
      else if (s.op === 'repeat') this.atLeastOne(s.idx, () => this.runSteps(s.steps));
      else this.or(s.idx, s.alts as IOrAlt<unknown>[]);
    }
  }

  // Chevrotain wants the same alternatives array on every call (performance guide: cache it).
  private readonly altCache = new Map<readonly Plan[], IOrAlt<number>[]>();

  private altsOf(alts: readonly Plan[]): IOrAlt<number>[] {
    let cached = this.altCache.get(alts);
    if (cached === undefined) {
      cached = alts.map((plan) => ({ ALT: () => this.run(plan) }));
      this.altCache.set(alts, cached);
    }
    return cached;
  }
}
