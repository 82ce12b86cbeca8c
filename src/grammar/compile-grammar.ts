// Compiles the formats in effect into one lexer and one parser, once per configuration.
// Throws GrammarError for any broken or ambiguous set; the result is immutable and safe to
// share (a reload builds a new one and swaps the reference).
import type { GrammarConfig } from '../config/grammar-schema.js';
import { FormatParser } from './build-parser.js';
import { defaultCatalogue, type RequestCatalogue } from './catalogue.js';
import { buildTrie } from './format-trie.js';
import { formatsInEffect, type EffectiveFormat } from './formats-in-effect.js';
import { GrammarError } from './grammar-error.js';
import { makeParse, type ParseFn } from './parse.js';
import { checkSeparators } from './separators.js';
import { buildTokens } from './tokens.js';

export interface CompiledGrammar {
  readonly formats: readonly EffectiveFormat[];
  /** Keywords in effect, upper case: reserved, no product may use one as its code. */
  readonly keywords: ReadonlySet<string>;
  readonly separators: readonly string[];
  readonly parse: ParseFn;
}

export interface CompileOptions {
  /** Defaults to the shipped grammar/requests.yaml. */
  readonly catalogue?: RequestCatalogue;
  /** Also run Chevrotain's own grammar validations (slower; tests and `pulsagate format`). */
  readonly verifyParser?: boolean;
}

export function compileGrammar(config: GrammarConfig, options: CompileOptions = {}): CompiledGrammar {
  const catalogue = options.catalogue ?? defaultCatalogue();
  const verify = options.verifyParser ?? false;
  const formats = formatsInEffect(config, catalogue);
  const separators = [...config.separators];
  checkSeparators(separators, formats);
  const trie = buildTrie(formats, !separators.includes(' '), separators[0] ?? '.');
  const tokens = buildTokens(separators, trie.keywords, verify);
  let parser: FormatParser;
  try {
    parser = new FormatParser(trie, tokens, verify);
  } catch (err) {
    if (err instanceof GrammarError) throw err;
    // Our trie is LL(1) by construction; Chevrotain refusing it means a bug here, not in config.
    throw new GrammarError({ reason: `internal: parser construction failed: ${(err as Error).message}` });
  }
  const grammar: CompiledGrammar = Object.freeze({
    formats: Object.freeze(formats),
    keywords: trie.keywords,
    separators: Object.freeze(separators),
    parse: makeParse(trie, tokens, parser),
  });
  checkExamples(grammar);
  return grammar;
}

/** Every example must parse back to its own key (e.g. a keyword "S10" would break `<product>`'s). */
function checkExamples(grammar: CompiledGrammar): void {
  for (const f of grammar.formats) {
    const result = grammar.parse(f.example);
    if (!result.ok || result.command.kind !== f.key) {
      const got = result.ok ? `reads as ${result.command.kind}` : `gives ${result.issue.code}`;
      throw new GrammarError({
        key: f.key,
        format: f.format,
        reason: `its example "${f.example}" does not parse back (${got}); is a keyword equal to a sample value?`,
      });
    }
  }
}

/** Keywords the config puts in effect, without building a parser (for product-code checks). */
export function keywordsInEffect(config: GrammarConfig, catalogue: RequestCatalogue = defaultCatalogue()): ReadonlySet<string> {
  const words = new Set<string>();
  for (const f of formatsInEffect(config, catalogue)) {
    for (const w of f.spellings) words.add(w);
    for (const s of f.segments) if (s.type === 'keyword') words.add(s.word);
  }
  return words;
}
