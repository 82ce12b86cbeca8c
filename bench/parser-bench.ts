// Parser throughput over a realistic message mix, and compile time of the default formats.
// Targets (issue 3): >= 200,000 messages/s, compile <= 50 ms.
// Alone: `npx tsx bench/parser-bench.ts`. From a runner: `await benchParser()` (prints nothing).
import { pathToFileURL } from 'node:url';
import { grammarConfigSchema } from '../src/config/grammar-schema.js';
import { defaultCatalogue } from '../src/grammar/catalogue.js';
import { compileGrammar } from '../src/grammar/compile-grammar.js';
import { buildLanguage } from '../src/grammar/language.js';
import { seeded } from '../test/support/seeded.js';

const MESSAGES = 200_000;
const ROUNDS = 5;
const WARM_BUILDS = 40;

const PRODUCTS = ['S5', 'S10', 'S20', 'S50', 'TSEL25', 'XL10', 'I50', 'AX5', 'PLN20', 'PLN100', 'DANA50', 'GOPAY25'];

export function messageMix(count: number, seed = 42): string[] {
  const r = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  const dest = (): string => `08${digits(8 + Math.floor(r() * 4))}`;
  const pin = (): string => digits(4 + Math.floor(r() * 3));
  const other = (): string =>
    pick([
      () => `SAL.${pin()}`,
      () => `cek.${dest()}.${pin()}`,
      () => `TRF.OX${digits(4)}.${digits(6)}.${pin()}`,
      () => `GP.${pin()}.${pin()}`,
      () => `REKAP.${1 + Math.floor(r() * 30)}.${pin()}`,
      () => `HARGA.${pick(['S', 'PLN', 'TSEL'])}.${pin()}`,
      () => `${pick(PRODUCTS)}.${dest()}`, // invalid: PIN missing
      () => `SALDO ${pin()}`, // invalid: unknown command
      () => `MP.OX${digits(4)}.S5=.${pin()}`, // invalid: markup missing
      () => `${pick(PRODUCTS)}.${dest()}.${pin()}!`, // invalid: stray character
    ])();
  return Array.from({ length: count }, () => {
    const x = r();
    if (x < 0.6) return `${pick(PRODUCTS)}.${dest()}.${pin()}`;
    if (x < 0.8) return `${pick(PRODUCTS)}.${dest()}.${2 + Math.floor(r() * 4)}.${pin()}`;
    if (x < 0.9) {
      const items = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, i) => `${PRODUCTS[i] ?? 'S5'}=${digits(2)}`);
      return `MP.OX${digits(4)}.${items.join(',')}.${pin()}`;
    }
    return other();
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

const round2 = (n: number): number => Math.round(n * 100) / 100;

export async function benchParser(): Promise<Record<string, number | string>> {
  const config = grammarConfigSchema.parse({});
  // Reading grammar/requests.yaml happens once per process, before the first build.
  let t = performance.now();
  defaultCatalogue();
  const catalogueMs = performance.now() - t;
  // Cold: the first build in this process (JIT-cold Chevrotain).
  t = performance.now();
  compileGrammar(config);
  const coldMs = performance.now() - t;

  // Throughput before the 40 warm rebuilds: as in production, where a process builds its
  // parser at start and on the odd reload (many parser instances make V8 call sites megamorphic).
  const lang = buildLanguage(config, {});
  const messages = messageMix(MESSAGES);
  let invalid = 0;
  for (const m of messages) if (!lang.parse(m).ok) invalid += 1;
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    t = performance.now();
    for (const m of messages) lang.parse(m);
    rates.push(MESSAGES / ((performance.now() - t) / 1000));
  }

  const warm: number[] = [];
  for (let i = 0; i < WARM_BUILDS; i++) {
    t = performance.now();
    compileGrammar(config);
    warm.push(performance.now() - t);
  }
  // The same mix once more: 40 parser instances later, V8 call sites in Chevrotain are shared
  // by many parser shapes (a long-running process that reloads often).
  t = performance.now();
  for (const m of messages) lang.parse(m);
  const afterRebuilds = MESSAGES / ((performance.now() - t) / 1000);
  const rate = median(rates);
  return {
    mix: '60% purchase, 20% purchase+counter, 10% MP (1-5 items), 10% other (4% invalid)',
    messages: MESSAGES,
    rounds: ROUNDS,
    invalidShare: round2(invalid / MESSAGES),
    parseMsgsPerSec: Math.round(rate),
    parseMicrosPerMsg: round2(1e6 / rate),
    parseMsgsPerSecAfter40Rebuilds: Math.round(afterRebuilds),
    catalogueLoadMs: round2(catalogueMs),
    compileColdMs: round2(coldMs),
    compileWarmMedianMs: round2(median(warm)),
    formats: lang.formats.length,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchParser();
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(22)} ${v}\n`);
}
