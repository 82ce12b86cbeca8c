// Nothing a user sends may throw out of parse, and the Chevrotain parser must agree with an
// independent regex oracle built from the same formats. 120,000 seeded random and mutated
// messages, plus random operator configurations (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REQUEST_KEYS, commandToJson, type RequestKey } from '../../src/domain/commands.js';
import { GrammarError } from '../../src/grammar/grammar-error.js';
import { ISSUE_CODES } from '../../src/grammar/issues.js';
import type { CompiledLanguage } from '../../src/grammar/language.js';
import { PLACEHOLDER_SPECS } from '../../src/grammar/placeholders.js';
import { defaultLanguage, languageOf } from './grammar-fixture.js';
import { seeded } from '../support/seeded.js';

// Characters resellers type, and some they should not: separators, list syntax, other
// punctuation, whitespace, control characters, non-ASCII letters and emoji.
const ALPHABET = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  ...'....,,,===***###   ',
  ...'-+_/\\:;!?@$%&()[]{}<>\'"~`|^',
  '\t', '\n', '\r', '\u0000', '\u0007', '\u001b', '\u00a0', '\u200b',
  'é', 'ß', 'ı', 'İ', '０', '١', '😀', '👍🏽', '\ud800',
];

function generator(lang: CompiledLanguage, seed: number): () => string {
  const r = seeded(seed);
  const int = (n: number): number => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const char = (): string => pick(ALPHABET);
  const seeds = [...lang.formats.map((f) => f.example), 'S10.08123456789.2.1234', 'MP.OX0003.S5=50,S10=75,S20=100.1234'];
  const mutate = (s: string): string => {
    const i = int(s.length + 1);
    switch (int(8)) {
      case 0: return s.slice(0, i) + char() + s.slice(i);
      case 1: return s.slice(0, i) + s.slice(i + 1);
      case 2: return s.slice(0, i) + char() + s.slice(i + 1);
      case 3: return s.slice(0, i);
      case 4: return s.slice(i) + s.slice(0, i);
      case 5: return s.split('.').reverse().join('.');
      case 6: return `${s}.${pick(seeds)}`;
      default: return r() < 0.5 ? s.toLowerCase() : s.replace(/[0-9]/g, () => String(int(10)));
    }
  };
  return () => {
    const kind = r();
    if (kind < 0.6) {
      let s = pick(seeds);
      for (let k = 1 + int(3); k > 0; k--) s = mutate(s);
      return s;
    }
    if (kind < 0.995) return Array.from({ length: int(40) }, char).join('');
    return Array.from({ length: 10_000 }, char).join('');
  };
}

/** An independent reading of the default formats as anchored regexes (FORMATS.md shapes). */
function oracle(lang: CompiledLanguage): (text: string) => RequestKey | undefined {
  const code = '[A-Z][A-Z0-9]*';
  const keywords = [...lang.keywords].join('|');
  const notKeyword = `(?!(?:${keywords})(?![A-Z0-9]))`;
  const shape = { code, digits: '[0-9]+', markups: `${code}=[0-9]+(?:,${code}=[0-9]+)*`, products: `${code}(?:,${code})*`, name: `${code}(?: +(?:${code}|[0-9]+))*` };
  const rules = lang.formats.map((f) => {
    const parts = f.segments.map((s, i) => {
      if (s.type === 'keyword') return i === 0 ? `(?:${f.spellings.join('|')})` : s.word;
      if (s.type === 'star') return '\\*';
      // In the default set only the first field can compete with a keyword (purchases).
      return (i === 0 ? notKeyword : '') + shape[PLACEHOLDER_SPECS[s.placeholder].shape];
    });
    return { key: f.key, re: new RegExp(`^${parts.join('\\.')}$`) };
  });
  return (text) => {
    const input = text.trim().toUpperCase();
    return rules.find((rule) => rule.re.test(input))?.key;
  };
}

/** Why the result for `text` is wrong, or undefined when it is fine (no expect() per message: speed). */
function fault(lang: CompiledLanguage, text: string, expectKey?: (text: string) => RequestKey | undefined): string | undefined {
  let result;
  try {
    result = lang.parse(text);
  } catch (err) {
    return `parse threw: ${String(err)}`;
  }
  if (result.ok) {
    okCount += 1;
    const cmd = result.command;
    if (!REQUEST_KEYS.includes(cmd.kind)) return `unknown kind ${cmd.kind}`;
    if ('pin' in cmd && commandToJson(cmd).includes(`"${cmd.pin}"`)) return 'PIN printed';
    const key = expectKey?.(text);
    if (expectKey && key !== cmd.kind) return `parsed as ${cmd.kind}, oracle says ${String(key)}`;
    return undefined;
  }
  const issue = result.issue;
  if (!ISSUE_CODES.includes(issue.code) || issue.code === 'INTERNAL') return `issue ${issue.code}`;
  if (typeof issue.message !== 'string' || issue.message.length === 0) return 'issue without text';
  // The oracle matching means the shape fits; only a field value may then be refused.
  if (expectKey && text.length <= 1600 && expectKey(text) !== undefined && issue.code !== 'BAD_VALUE') {
    return `refused (${issue.code}) although the oracle reads ${String(expectKey(text))}`;
  }
  return undefined;
}

let okCount = 0;

function faults(lang: CompiledLanguage, messages: Iterable<string>, expectKey?: (text: string) => RequestKey | undefined) {
  const found: { text: string; why: string }[] = [];
  okCount = 0;
  let total = 0;
  for (const text of messages) {
    total += 1;
    const why = fault(lang, text, expectKey);
    if (why !== undefined && found.length < 10) found.push({ text, why });
  }
  return { found, ok: okCount, total };
}

function* take(next: () => string, n: number): Generator<string> {
  for (let i = 0; i < n; i++) yield next();
}

describe('fuzz: default formats', () => {
  it('120,000 random and mutated messages: never a throw, always a command or an issue, as the oracle says', () => {
    const lang = defaultLanguage();
    const { found, ok, total } = faults(lang, take(generator(lang, 20240601), 120_000), oracle(lang));
    expect(found).toEqual([]);
    expect(total).toBe(120_000);
    // A generator that only produced garbage (or only valid text) would prove little.
    expect(ok).toBeGreaterThan(5_000);
    expect(total - ok).toBeGreaterThan(50_000);
  }, 120_000);

  it('survives non-strings at run time', () => {
    const lang = defaultLanguage();
    for (const bad of [undefined, null, 42, {}, []]) {
      expect(lang.parse(bad as unknown as string)).toMatchObject({ ok: false });
    }
  });
});

describe('fuzz: random operator configurations', () => {
  const keywordPool = ['MP', 'MS', 'GP', 'X', 'SAL', 'TRX', 'A1', 'B'];
  const fieldsOf: Partial<Record<RequestKey, string[]>> = {
    GantiPin: ['<newpin>', '<pin>'],
    Transfer: ['<downline>', '<amount>', '<pin>'],
    UbahMarkupProduk: ['<downline>', '<markups>', '<pin>'],
    HapusMarkupProduk: ['<downline>', '<products>', '<pin>'],
    CekSaldo: ['<pin>'],
    Reg: ['<msisdn>', '<name>', '<markup>', '<pin>'],
  };
  const keys = Object.keys(fieldsOf) as RequestKey[];
  const formatArb = (key: RequestKey) =>
    fc.tuple(fc.constantFrom(...keywordPool), fc.shuffledSubarray(fieldsOf[key] ?? [], { minLength: (fieldsOf[key] ?? []).length }))
      .map(([kw, fields]) => [kw, ...fields].join('.'));
  const configArb = fc.record({
    separators: fc.constantFrom(['.'], ['#'], ['.', '#'], [' '], ['.', ' '], ['/']).map((s) => [...s]),
    requests: fc.dictionary(fc.constantFrom(...keys), fc.constant(null)).chain((picked) =>
      fc.record(Object.fromEntries(Object.keys(picked).map((k) => [k, fc.record({ formats: fc.array(formatArb(k as RequestKey), { minLength: 1, maxLength: 2 }) })]))),
    ),
  });

  it('either refuse with a GrammarError or parse every example and random text without a throw', () => {
    fc.assert(
      fc.property(configArb, fc.integer(), (config, seed) => {
        let lang: CompiledLanguage;
        try {
          lang = languageOf(config);
        } catch (err) {
          expect(err).toBeInstanceOf(GrammarError);
          expect((err as GrammarError).reason).not.toMatch(/^internal/);
          return;
        }
        for (const f of lang.formats) expect(lang.parse(f.example)).toMatchObject({ ok: true, command: { kind: f.key } });
        expect(faults(lang, take(generator(lang, seed), 300)).found).toEqual([]);
      }),
      { numRuns: 150, seed: 7 },
    );
  }, 120_000);
});
