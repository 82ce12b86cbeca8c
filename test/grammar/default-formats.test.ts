// Every default format of grammar/requests.yaml, with valid and invalid messages.
import { describe, expect, it } from 'vitest';
import { REQUEST_KEYS, type Command } from '../../src/domain/commands.js';
import { grammarConfigSchema } from '../../src/config/grammar-schema.js';
import { defaultCatalogue } from '../../src/grammar/catalogue.js';
import { keywordsInEffect } from '../../src/grammar/compile-grammar.js';
import type { IssueCode } from '../../src/grammar/issues.js';
import { commandOf, defaultLanguage, issueOf } from './grammar-fixture.js';

const pin = '1234';

const VALID: ReadonlyArray<readonly [string, Command]> = [
  ['S10.08123456789.1234', { kind: 'Transaksi', product: 'S10', dest: '08123456789', pin }],
  ['s10.08123456789.1234', { kind: 'Transaksi', product: 'S10', dest: '08123456789', pin }],
  ['  S10.08123456789.1234\r\n', { kind: 'Transaksi', product: 'S10', dest: '08123456789', pin }],
  ['S10.08123456789.2.1234', { kind: 'Transaksi', product: 'S10', dest: '08123456789', counter: 2, pin }],
  ['PLN20.123456789012.654321', { kind: 'Transaksi', product: 'PLN20', dest: '123456789012', pin: '654321' }],
  ['SAL5.0812345678.1234', { kind: 'Transaksi', product: 'SAL5', dest: '0812345678', pin }],
  ['MP2X.0812345678.1234', { kind: 'Transaksi', product: 'MP2X', dest: '0812345678', pin }],
  ['SAL.1234', { kind: 'CekSaldo', pin }],
  ['sal.12345678', { kind: 'CekSaldo', pin: '12345678' }],
  ['S.1234', { kind: 'CekSaldo', pin }],
  ['HARGA.S.1234', { kind: 'CekHarga', prefix: 'S', pin }],
  ['h.pln.1234', { kind: 'CekHarga', prefix: 'PLN', pin }],
  ['MP.OX0003.S5=50.1234', { kind: 'UbahMarkupProduk', downline: 'OX0003', markups: [{ product: 'S5', amount: '50' }], pin }],
  [
    'MP.OX0003.S5=50,S10=75,S20=100.1234',
    {
      kind: 'UbahMarkupProduk',
      downline: 'OX0003',
      markups: [
        { product: 'S5', amount: '50' },
        { product: 'S10', amount: '75' },
        { product: 'S20', amount: '100' },
      ],
      pin,
    },
  ],
  ['MP2.S5=50,S10=0.1234', { kind: 'UbahMarkupProduk2', markups: [{ product: 'S5', amount: '50' }, { product: 'S10', amount: '0' }], pin }],
  ['MP.OX0001.*.S5=50.1234', { kind: 'UbahMarkupProdukSemua', self: 'OX0001', markups: [{ product: 'S5', amount: '50' }], pin }],
  ['CMP.OX0003.S10.1234', { kind: 'CekMarkupProduk', downline: 'OX0003', product: 'S10', pin }],
  ['CMP.OX0003.1234', { kind: 'CekMarkupProduk', downline: 'OX0003', pin }],
  ['DELMP.OX0003.S5.1234', { kind: 'HapusMarkupProduk', downline: 'OX0003', products: ['S5'], pin }],
  ['DELMP.OX0003.S5,S10,S.1234', { kind: 'HapusMarkupProduk', downline: 'OX0003', products: ['S5', 'S10', 'S'], pin }],
  ['DELMP2.OX0003.1234', { kind: 'HapusMarkupProduk2', downline: 'OX0003', pin }],
  ['DELMP3.S10.1234', { kind: 'HapusMarkupProduk3', product: 'S10', pin }],
  ['MARKUP.OX0003.50.1234', { kind: 'UbahMarkup', downline: 'OX0003', amount: '50', pin }],
  ['REG.08123456789.BUDI.50.1234', { kind: 'Reg', msisdn: '08123456789', name: 'BUDI', markup: '50', pin }],
  ['REG.08123456789.Budi  Santoso.50.1234', { kind: 'Reg', msisdn: '08123456789', name: 'BUDI SANTOSO', markup: '50', pin }],
  ['TRF.OX0003.100000.1234', { kind: 'Transfer', downline: 'OX0003', amount: '100000', pin }],
  ['GP.5678.1234', { kind: 'GantiPin', newPin: '5678', pin }],
  ['TUKAR.1234', { kind: 'TukarKomisi', pin }],
  ['LDL.1234', { kind: 'ListDownline', pin }],
  ['CEK.08123456789.1234', { kind: 'CekStatus', dest: '08123456789', pin }],
  ['TIKET.500000.1234', { kind: 'Tiket', amount: '500000', pin }],
  ['REKAP.7.1234', { kind: 'Rekap', days: 7, pin }],
  ['REKAP.OX0003.30.1234', { kind: 'Rekap', downline: 'OX0003', days: 30, pin }],
  ['DAFTAR.BUDI.OX0001', { kind: 'Daftar', name: 'BUDI', refcode: 'OX0001' }],
  ['daftar.Toko Budi 88.ox0001', { kind: 'Daftar', name: 'TOKO BUDI 88', refcode: 'OX0001' }],
  ['DAFTAR.MENU.OX0001', { kind: 'Daftar', name: 'MENU', refcode: 'OX0001' }],
  ['UNLOCK.OX0003.1234', { kind: 'BukaKunci', downline: 'OX0003', pin: '1234' }],
  ['buka.ox0003.1234', { kind: 'BukaKunci', downline: 'OX0003', pin: '1234' }],
  ['MENU', { kind: 'Menu' }],
  ['menu', { kind: 'Menu' }],
];

type Bad = readonly [string, IssueCode, string?];

const INVALID: readonly Bad[] = [
  ['S10.08123456789', 'BAD_FORMAT', 'Transaksi'],
  ['S10..1234', 'BAD_FORMAT', 'Transaksi'],
  ['S10.0812345678.1234.', 'BAD_FORMAT', 'Transaksi'],
  ['S10.08123456789.0.1234', 'BAD_VALUE', 'Transaksi'],
  ['S10.08123456789.1000.1234', 'BAD_VALUE', 'Transaksi'],
  ['S10.123.1234', 'BAD_VALUE', 'Transaksi'],
  ['S10.08123456789.123', 'BAD_VALUE', 'Transaksi'],
  ['S10.0812#.1234', 'BAD_FORMAT', 'Transaksi'],
  ['SAL', 'BAD_FORMAT', 'CekSaldo'],
  ['SAL.12', 'BAD_VALUE', 'CekSaldo'],
  ['SAL.123456789', 'BAD_VALUE', 'CekSaldo'],
  ['SAL.1234.5', 'BAD_FORMAT', 'CekSaldo'],
  ['SAL.ABCD', 'BAD_FORMAT', 'CekSaldo'],
  ['SAL 1234', 'BAD_FORMAT', 'CekSaldo'],
  ['HARGA.1234', 'BAD_FORMAT', 'CekHarga'],
  ['MP.OX0003.S5=50', 'BAD_FORMAT', 'UbahMarkupProduk'],
  ['MP.OX0003.S5=50,.1234', 'BAD_FORMAT', 'UbahMarkupProduk'],
  ['MP.OX0003.S5=.1234', 'BAD_FORMAT', 'UbahMarkupProduk'],
  ['MP.OX0003.S5=-5.1234', 'BAD_FORMAT', 'UbahMarkupProduk'],
  ['MP.OX0003.S5=7.5.1234', 'BAD_FORMAT', 'UbahMarkupProduk'],
  ['MP.OX0003.S5=50,S5=60.1234', 'BAD_VALUE', 'UbahMarkupProduk'],
  ['MP.OX0001.*.1234', 'BAD_FORMAT', 'UbahMarkupProdukSemua'],
  ['MP2.1234', 'BAD_FORMAT', 'UbahMarkupProduk2'],
  ['CMP.1234', 'BAD_FORMAT', 'CekMarkupProduk'],
  ['DELMP.OX0003.1234', 'BAD_FORMAT', 'HapusMarkupProduk'],
  ['DELMP.OX0003.S5,S5.1234', 'BAD_VALUE', 'HapusMarkupProduk'],
  ['DELMP2.1234', 'BAD_FORMAT', 'HapusMarkupProduk2'],
  ['DELMP3.1234', 'BAD_FORMAT', 'HapusMarkupProduk3'],
  ['MARKUP.OX0003.1234', 'BAD_FORMAT', 'UbahMarkup'],
  ['REG.0812.BUDI.50.1234', 'BAD_VALUE', 'Reg'],
  ['TRF.OX0003.1234', 'BAD_FORMAT', 'Transfer'],
  ['TRF.OX0003.1234567890123456.1234', 'BAD_VALUE', 'Transfer'],
  ['GP.1234', 'BAD_FORMAT', 'GantiPin'],
  ['GP.12.1234', 'BAD_VALUE', 'GantiPin'],
  ['TUKAR', 'BAD_FORMAT', 'TukarKomisi'],
  ['LDL.OX1.1234', 'BAD_FORMAT', 'ListDownline'],
  ['CEK.1234', 'BAD_FORMAT', 'CekStatus'],
  ['TIKET.1234', 'BAD_FORMAT', 'Tiket'],
  ['REKAP.0.1234', 'BAD_VALUE', 'Rekap'],
  ['REKAP.400.1234', 'BAD_VALUE', 'Rekap'],
  ['REKAP.1234', 'BAD_FORMAT', 'Rekap'],
  ['DAFTAR.BUDI', 'BAD_FORMAT', 'Daftar'],
  ['MENU.1234', 'BAD_FORMAT', 'Menu'],
  ['HALO', 'UNKNOWN_COMMAND'],
  ['SALDO.1234', 'UNKNOWN_COMMAND'],
  ['SALDO 1234', 'UNKNOWN_COMMAND'],
  ['BELI.S10.0812.1234', 'UNKNOWN_COMMAND'],
  ['1234', 'UNKNOWN_COMMAND'],
  ['?', 'UNKNOWN_COMMAND'],
  ['..', 'UNKNOWN_COMMAND'],
  ['', 'EMPTY'],
  ['   \t\n', 'EMPTY'],
  ['S'.repeat(2000), 'TOO_LONG'],
];

describe('default formats', () => {
  const lang = defaultLanguage();

  it.each(VALID)('parses %j', (text, expected) => {
    expect(commandOf(lang, text)).toEqual(expected);
  });

  const invalid = INVALID.map(([text, code, key]): [string, IssueCode, string | null] => [text, code, key ?? null]);
  it.each(invalid)('refuses %j with %s (%s)', (text, code, key) => {
    const issue = issueOf(lang, text);
    expect(issue.code).toBe(code);
    expect(issue.key ?? null).toBe(key);
    if (key !== null) expect(issue.example).toBeTruthy();
  });

  it('covers every request key with valid messages', () => {
    const covered = new Set(VALID.map(([, c]) => c.kind));
    expect([...REQUEST_KEYS].filter((k) => !covered.has(k))).toEqual([]);
  });

  it('parses every catalogue example (and alias spelling) back to its own key', () => {
    const catalogue = defaultCatalogue();
    for (const key of REQUEST_KEYS) {
      const entry = catalogue[key];
      for (const { example } of entry.formats) {
        expect(commandOf(lang, example).kind, example).toBe(key);
        for (const alias of entry.aliases) {
          const aliased = example.replace(/^[A-Z0-9]+/, alias);
          expect(commandOf(lang, aliased).kind, aliased).toBe(key);
        }
      }
    }
  });

  it('words issues in Indonesian with the format example', () => {
    expect(issueOf(lang, 'MP.OX0003.S5=50').message).toBe('Format salah. Contoh: MP.OX0003.S5=50,S10=75.1234');
    expect(issueOf(lang, 'SAL.12').message).toBe('PIN tidak valid. Contoh: SAL.1234');
    expect(issueOf(lang, 'HALO').message).toBe('Perintah tidak dikenal. Ketik MENU untuk daftar format.');
    expect(issueOf(lang, 'S10.08123456789').example).toBe('S10.08123456789.1234');
  });

  it('keeps every issue text SMS-sized', () => {
    for (const [text] of INVALID) expect(issueOf(lang, text).message.length).toBeLessThanOrEqual(160);
  });

  it('gives the same keywords without building a parser', () => {
    expect([...keywordsInEffect(grammarConfigSchema.parse({}))].sort()).toEqual([...lang.keywords].sort());
    const renamed = grammarConfigSchema.parse({ requests: { CekSaldo: { formats: ['SALDO.<pin>'], aliases: [] }, Menu: { enabled: false } } });
    const words = keywordsInEffect(renamed);
    expect(words.has('SALDO')).toBe(true);
    expect(words.has('SAL') || words.has('S') || words.has('MENU')).toBe(false);
  });

  it('reserves exactly the keywords and aliases in effect', () => {
    expect([...lang.keywords].sort()).toEqual(
      ['BUKA', 'CEK', 'CMP', 'DAFTAR', 'DELMP', 'DELMP2', 'DELMP3', 'GP', 'H', 'HARGA', 'LDL', 'MARKUP', 'MENU', 'MP', 'MP2', 'REG', 'REKAP', 'S', 'SAL', 'TIKET', 'TRF', 'TUKAR', 'UNLOCK'].sort(),
    );
  });
});

// limits.md §3.4: `<product>.<dest>[.<counter>].<pin>` written with an optional counter
// silently refused the valid S10.08123456789.1234 while Chevrotain built without a warning.
describe('optional counter trap', () => {
  const lang = defaultLanguage();

  it('parses the purchase without a counter', () => {
    expect(commandOf(lang, 'S10.08123456789.1234')).toEqual({ kind: 'Transaksi', product: 'S10', dest: '08123456789', pin: '1234' });
  });

  it('parses the purchase with a counter, the PIN still last', () => {
    expect(commandOf(lang, 'S10.08123456789.2.1234')).toEqual({
      kind: 'Transaksi',
      product: 'S10',
      dest: '08123456789',
      counter: 2,
      pin: '1234',
    });
  });

  it('does not take a trailing PIN-like field as the PIN when a counter is there', () => {
    const cmd = commandOf(lang, 'S10.08123456789.12.98765');
    expect(cmd).toMatchObject({ counter: 12, pin: '98765' });
  });

  it('handles the same trap in other optional fields (CMP, REKAP)', () => {
    expect(commandOf(lang, 'CMP.OX0003.1234')).not.toHaveProperty('product');
    expect(commandOf(lang, 'CMP.OX0003.S10.1234')).toMatchObject({ product: 'S10', pin: '1234' });
    expect(commandOf(lang, 'REKAP.7.1234')).not.toHaveProperty('downline');
  });
});
