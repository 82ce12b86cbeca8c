// Start-up (and reload) refuses every kind of broken set, naming the key, the format and why.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GrammarConfigInput } from '../../src/config/grammar-schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import { GrammarError } from '../../src/grammar/grammar-error.js';
import { tempDir } from '../support/temp-dir.js';
import { languageOf } from './grammar-fixture.js';

function refusal(grammar: GrammarConfigInput, replies: Record<string, string> = {}): GrammarError {
  try {
    languageOf(grammar, replies);
  } catch (err) {
    if (err instanceof GrammarError) return err;
    throw err;
  }
  return expect.fail('the set compiled');
}

describe('broken format sets', () => {
  it('two formats of one key accepting the same message', () => {
    const err = refusal({ requests: { GantiPin: { formats: ['GP.<newpin>.<pin>', 'GP.<pin>.<newpin>'] } } });
    expect(err.message).toBe(
      'grammar: GantiPin format "GP.<pin>.<newpin>": ambiguous: accepts the same messages as its format "GP.<newpin>.<pin>", e.g. "GP.1234.1234"',
    );
    expect(err.key).toBe('GantiPin');
    expect(err.format).toBe('GP.<pin>.<newpin>');
  });

  it('formats of two keys accepting the same message (via an alias)', () => {
    const err = refusal({ requests: { TukarKomisi: { formats: ['S.<pin>'] } } });
    expect(err.message).toBe(
      'grammar: TukarKomisi format "S.<pin>": ambiguous: accepts the same messages as CekSaldo "SAL.<pin>", e.g. "S.1234"',
    );
  });

  it('two keys whose lists overlap on one item', () => {
    const err = refusal({ requests: { CekMarkupProduk: { formats: ['DELMP.<downline>.<product>.<pin>'] } } });
    expect(err.message).toBe(
      'grammar: HapusMarkupProduk format "DELMP.<downline>.<products>.<pin>": ambiguous: accepts the same messages as CekMarkupProduk "DELMP.<downline>.<product>.<pin>", e.g. "DELMP.A1.A1.1234"',
    );
  });

  it('a separator that is also the wildcard', () => {
    const err = refusal({ separators: ['*'] });
    expect(err.message).toBe(
      'grammar: UbahMarkupProdukSemua format "MP.<self>.*.<markups>.<pin>": separator "*" is also the wildcard in this format; choose another separator or a format without "*"',
    );
  });

  it.each([
    [[','], 'separator "," is not allowed: it separates list items (S5,S10)'],
    [['='], 'separator "=" is not allowed: it joins a product to its markup (S5=50)'],
    [['A'], 'separator "A" is a letter or digit'],
    [['.', '.'], 'separator "." is listed twice'],
    [['\t'], 'separator "\\t" must be space or visible ASCII punctuation'],
  ])('separators %j', (separators, reason) => {
    expect(refusal({ separators }).message).toBe(`grammar: separators: ${reason}`);
  });

  it('an unknown placeholder', () => {
    expect(refusal({ requests: { CekSaldo: { formats: ['SAL.<pn>'] } } }).message).toMatch(
      /^grammar: CekSaldo format "SAL\.<pn>": unknown placeholder <pn>; known: <product> <dest>/,
    );
  });

  it('a key without its required fields', () => {
    expect(refusal({ requests: { Transfer: { formats: ['TRF.<downline>.<pin>'] } } }).message).toBe(
      'grammar: Transfer format "TRF.<downline>.<pin>": missing required <amount>',
    );
  });

  it('a field that is not the key\'s', () => {
    expect(refusal({ requests: { CekSaldo: { formats: ['SAL.<amount>.<pin>'] } } }).message).toBe(
      'grammar: CekSaldo format "SAL.<amount>.<pin>": <amount> is not a field of CekSaldo; its fields are <pin>',
    );
  });

  it('a repeated placeholder', () => {
    expect(refusal({ requests: { CekSaldo: { formats: ['SAL.<pin>.<pin>'] } } }).message).toBe(
      'grammar: CekSaldo format "SAL.<pin>.<pin>": placeholder <pin> appears twice',
    );
  });

  it.each([
    [{ CekSaldo: { formats: ['SAL-X.<pin>'] } }, 'CekSaldo format "SAL-X.<pin>": bad keyword "SAL-X"'],
    [{ CekSaldo: { aliases: ['1SAL'] } }, 'CekSaldo: bad keyword "1SAL"'],
    [{ CekSaldo: { formats: ['SAL..<pin>'] } }, 'CekSaldo format "SAL..<pin>": empty segment 2'],
    [{ CekSaldo: { formats: ['SAL<pin>'] } }, 'CekSaldo format "SAL<pin>": segment "SAL<pin>" must be one keyword'],
    [{ Transaksi: { aliases: ['BELI'] } }, 'Transaksi format "<product>.<dest>.<pin>": aliases need every format'],
  ])('bad keyword or syntax %j', (requests, text) => {
    expect(refusal({ requests }).message).toContain(`grammar: ${text}`);
  });

  it('a keyword that makes an example unparsable (keyword equal to a sample code)', () => {
    expect(refusal({ requests: { CekSaldo: { aliases: ['S10'] } } }).message).toBe(
      'grammar: Transaksi format "<product>.<dest>.<pin>": its example "S10.08123456789.1234" does not parse back (gives BAD_FORMAT); is a keyword equal to a sample value?',
    );
  });

  it('every key disabled', () => {
    const requests = Object.fromEntries(
      ['Transaksi', 'CekSaldo', 'CekHarga', 'UbahMarkupProduk', 'UbahMarkupProduk2', 'UbahMarkupProdukSemua', 'CekMarkupProduk',
        'HapusMarkupProduk', 'HapusMarkupProduk2', 'HapusMarkupProduk3', 'UbahMarkup', 'Reg', 'Transfer', 'GantiPin', 'TukarKomisi',
        'ListDownline', 'CekStatus', 'Tiket', 'Rekap', 'Daftar', 'BukaKunci', 'Menu'].map((k) => [k, { enabled: false }]),
    );
    expect(refusal({ requests }).message).toBe('grammar: no request formats in effect (all disabled)');
  });
});

describe('broken reply overrides', () => {
  it('an unknown reply key', () => {
    expect(refusal({}, { 'CekSaldo.okay': 'x' }).message).toBe(
      'grammar: replies.CekSaldo.okay: unknown reply key (see grammar/replies.id.yaml)',
    );
  });

  it('an unknown field in a template', () => {
    expect(refusal({}, { 'CekSaldo.ok': 'Saldo [sado]' }).message).toBe(
      'grammar: replies.CekSaldo.ok: unknown field [sado]; known: [saldo] [komisi] [kredit] [referral]',
    );
  });
});

describe('config shape errors come from the loader, naming file and key path', () => {
  const dir = tempDir('pulsagate-grammar-');
  afterAll(() => dir.cleanup());

  it.each([
    ['grammar:\n  requests:\n    Foo: { enabled: false }\n', 'grammar.requests'],
    ['grammar:\n  requests:\n    CekSaldo: { formats: [] }\n', 'grammar.requests.CekSaldo.formats'],
    ['grammar:\n  requests:\n    CekSaldo: { format: ["SAL.<pin>"] }\n', 'grammar.requests.CekSaldo'],
    ['grammar:\n  separators: [".."]\n', 'grammar.separators.0'],
    ['grammar:\n  language: fr\n', 'grammar.language'],
  ])('%j', (yaml, keyPath) => {
    const path = join(dir.path, 'pulsagate.yaml');
    writeFileSync(path, yaml);
    expect(() => loadConfig({ path, env: {}, cwd: dir.path })).toThrow(keyPath);
  });
});
