// The compiled language of one configuration: parser, reply templates, keywords and formats.
// Built once at start and on each reload; immutable once built.
import { createHash } from 'node:crypto';
import type { GrammarConfig, Language, RepliesConfig } from '../config/grammar-schema.js';
import type { RequestKey } from '../domain/commands.js';
import { compileGrammar, type CompiledGrammar, type CompileOptions } from './compile-grammar.js';
import { fillFormat, type EffectiveFormat } from './formats-in-effect.js';
import type { GrammarIssue, ParseIssue, ParseResult } from './issues.js';
import type { Placeholder } from './placeholders.js';
import { buildReplyCatalogue, type ReplyCatalogue } from './replies/reply-catalogue.js';
import type { ReplyKey } from './replies/reply-keys.js';
import { renderReply, type ReplyValues } from './replies/render-reply.js';

export interface CompiledLanguage {
  readonly language: Language;
  readonly grammar: CompiledGrammar;
  readonly replies: ReplyCatalogue;
  /** Keywords in effect (upper case): refuse a product code equal to one. */
  readonly keywords: ReadonlySet<string>;
  readonly formats: readonly EffectiveFormat[];
  /**
   * A digest of what parsing depends on (the separators and the formats in effect, the request
   * catalogue's included): two builds with the same stamp parse alike. A command parsed in the
   * channels' thread is taken by the core only from a build with its own stamp.
   */
  readonly stamp: string;
  /** Never throws; the issue carries an SMS-sized text in the configured language. */
  parse(text: string): ParseResult;
  render(key: ReplyKey, values?: ReplyValues): string;
  /**
   * The first format of `key` that has every given placeholder, written out with those values
   * (samples elsewhere), e.g. for SALE.DUPLICATE's `[contoh]`:
   * `exampleWith('Transaksi', { product, dest, counter: '2', pin: 'PIN' })`. Never pass a real PIN.
   */
  exampleWith(key: RequestKey, values: Partial<Record<Placeholder, string>>): string | undefined;
}

/** Throws GrammarError when the formats or reply overrides are broken. */
export function buildLanguage(
  grammarConfig: GrammarConfig,
  repliesConfig: RepliesConfig = {},
  options: CompileOptions = {},
): CompiledLanguage {
  const grammar = compileGrammar(grammarConfig, options);
  const replies = buildReplyCatalogue(grammarConfig.language, repliesConfig);
  const render = (key: ReplyKey, values?: ReplyValues): string => renderReply(replies, key, values);
  const sep = grammar.separators[0] ?? '.';
  const menu = grammar.formats.find((f) => f.key === 'Menu')?.example;
  const describe = (issue: GrammarIssue): string => describeIssue(issue, render, menu);
  return Object.freeze({
    language: grammarConfig.language,
    grammar,
    replies,
    keywords: grammar.keywords,
    formats: grammar.formats,
    stamp: createHash('sha256').update(JSON.stringify([grammar.separators, grammar.formats])).digest('base64url'),
    parse(text: string): ParseResult {
      const result = grammar.parse(text);
      if (result.ok) return result;
      const issue: ParseIssue = { ...result.issue, message: describe(result.issue) };
      return { ok: false, issue };
    },
    render,
    exampleWith(key: RequestKey, values: Partial<Record<Placeholder, string>>): string | undefined {
      const wanted = Object.keys(values);
      const f = grammar.formats.find(
        (g) => g.key === key && wanted.every((p) => g.segments.some((s) => s.type === 'slot' && s.placeholder === p)),
      );
      return f === undefined ? undefined : fillFormat(f.segments, sep, values);
    },
  });
}

function describeIssue(
  issue: GrammarIssue,
  render: (key: ReplyKey, values?: ReplyValues) => string,
  menu: string | undefined,
): string {
  switch (issue.code) {
    case 'EMPTY':
    case 'TOO_LONG':
    case 'INTERNAL':
      return render(`parse.${issue.code}`);
    case 'UNKNOWN_COMMAND':
      return menu === undefined ? render('parse.UNKNOWN_COMMAND_NO_MENU') : render('parse.UNKNOWN_COMMAND', { menu });
    case 'BAD_FORMAT':
      return render('parse.BAD_FORMAT', { contoh: issue.example });
    case 'BAD_VALUE': {
      const field = issue.field === undefined ? undefined : render(`field.${issue.field}`);
      return render('parse.BAD_VALUE', { field, contoh: issue.example });
    }
  }
}
