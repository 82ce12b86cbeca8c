// Operator variants, each from a config/pulsagate.yaml the test writes and loadConfig reads.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { buildLanguage, type CompiledLanguage } from '../../src/grammar/language.js';
import { tempDir } from '../support/temp-dir.js';
import { commandOf, issueOf, languageOf } from './grammar-fixture.js';

const dir = tempDir('pulsagate-grammar-');
afterAll(() => dir.cleanup());

let n = 0;
function fromYaml(yaml: string): CompiledLanguage {
  const path = join(dir.path, `pulsagate-${n++}.yaml`);
  writeFileSync(path, yaml);
  const config = loadConfig({ path, env: {}, cwd: dir.path });
  return buildLanguage(config.grammar, config.replies, { verifyParser: true });
}

describe('renamed keyword with an alias (MP -> MS)', () => {
  const lang = fromYaml(`
grammar:
  requests:
    UbahMarkupProduk:
      formats: ["MS.<downline>.<markups>.<pin>"]
      aliases: ["markupproduk"]
`);

  it('accepts the new keyword and the alias, case-insensitively', () => {
    const expected = { kind: 'UbahMarkupProduk', downline: 'OX0003', markups: [{ product: 'S5', amount: '50' }], pin: '1234' };
    expect(commandOf(lang, 'MS.OX0003.S5=50.1234')).toEqual(expected);
    expect(commandOf(lang, 'ms.ox0003.s5=50.1234')).toEqual(expected);
    expect(commandOf(lang, 'MarkupProduk.OX0003.S5=50.1234')).toEqual(expected);
  });

  it('no longer reads MP.<downline>.<markups> (MP stays for the wildcard rule)', () => {
    const issue = issueOf(lang, 'MP.OX0003.S5=50.1234');
    expect(issue).toMatchObject({ code: 'BAD_FORMAT', key: 'UbahMarkupProdukSemua' });
    expect(commandOf(lang, 'MP.OX0001.*.S5=50.1234').kind).toBe('UbahMarkupProdukSemua');
  });

  it('reserves the new keywords and shows the new example', () => {
    expect(lang.keywords.has('MS')).toBe(true);
    expect(lang.keywords.has('MARKUPPRODUK')).toBe(true);
    expect(issueOf(lang, 'MS.OX0003').message).toBe('Format salah. Contoh: MS.OX0003.S5=50,S10=75.1234');
  });
});

describe('separators', () => {
  it('"." and "#": either, anywhere', () => {
    const lang = fromYaml('grammar:\n  separators: [".", "#"]\n');
    const buy = { kind: 'Transaksi', product: 'S10', dest: '08123456789', pin: '1234' };
    expect(commandOf(lang, 'S10#08123456789#1234')).toEqual(buy);
    expect(commandOf(lang, 'S10.08123456789#1234')).toEqual(buy);
    expect(commandOf(lang, 'MP#OX0003#S5=50,S10=75#1234').kind).toBe('UbahMarkupProduk');
  });

  it('"#" only: "." is refused and examples use "#"', () => {
    const lang = fromYaml('grammar:\n  separators: ["#"]\n');
    expect(commandOf(lang, 'SAL#1234')).toEqual({ kind: 'CekSaldo', pin: '1234' });
    expect(issueOf(lang, 'SAL.1234')).toMatchObject({ code: 'BAD_FORMAT', key: 'CekSaldo', example: 'SAL#1234' });
  });

  it('space: runs of spaces are one separator, names are one word', () => {
    const lang = fromYaml('grammar:\n  separators: [" "]\n');
    expect(commandOf(lang, 'S10 08123456789 2 1234')).toMatchObject({ kind: 'Transaksi', counter: 2, pin: '1234' });
    expect(commandOf(lang, 'sal   1234')).toEqual({ kind: 'CekSaldo', pin: '1234' });
    expect(commandOf(lang, 'MP OX0003 S5=50,S10=75 1234').kind).toBe('UbahMarkupProduk');
    expect(commandOf(lang, 'REG 08123456789 BUDI 50 1234')).toMatchObject({ name: 'BUDI', markup: '50' });
    expect(issueOf(lang, 'REG 08123456789 BUDI SANTOSO 50 1234')).toMatchObject({ code: 'BAD_FORMAT', key: 'Reg' });
    expect(issueOf(lang, 'MP OX0003').example).toBe('MP OX0003 S5=50,S10=75 1234');
  });

  it('"*" once the wildcard format no longer uses "*"', () => {
    const lang = fromYaml(`
grammar:
  separators: ["*"]
  requests:
    UbahMarkupProdukSemua:
      formats: ["MPALL.<self>.<markups>.<pin>"]
`);
    expect(commandOf(lang, 'S10*08123456789*1234').kind).toBe('Transaksi');
    expect(commandOf(lang, 'MPALL*OX0001*S5=50*1234')).toMatchObject({ kind: 'UbahMarkupProdukSemua', self: 'OX0001' });
  });
});

describe('reordered GP (old PIN first)', () => {
  const lang = fromYaml(`
grammar:
  requests:
    GantiPin:
      formats: ["GP.<pin>.<newpin>"]
`);

  it('reads the fields in the new order', () => {
    expect(commandOf(lang, 'GP.1234.5678')).toEqual({ kind: 'GantiPin', pin: '1234', newPin: '5678' });
  });
});

describe('disabled key', () => {
  const lang = fromYaml(`
grammar:
  requests:
    Tiket: { enabled: false }
    Menu: { enabled: false }
`);

  it('frees its keyword: TIKET reads as a product code', () => {
    expect(lang.keywords.has('TIKET')).toBe(false);
    expect(lang.formats.some((f) => f.key === 'Tiket')).toBe(false);
    expect(commandOf(lang, 'TIKET.500000.1234')).toMatchObject({ kind: 'Transaksi', product: 'TIKET' });
  });

  it('does not point to a disabled MENU', () => {
    expect(issueOf(lang, 'HALO').message).toBe('Perintah tidak dikenal.');
  });
});

describe('an added format', () => {
  const lang = fromYaml(`
grammar:
  requests:
    Transaksi:
      formats:
        - "<product>.<dest>.<pin>"
        - "<product>.<dest>.<counter>.<pin>"
        - "BELI.<product>.<dest>.<pin>"
`);

  it('accepts every listed format', () => {
    const buy = { kind: 'Transaksi', product: 'S10', dest: '08123456789', pin: '1234' };
    expect(commandOf(lang, 'S10.08123456789.1234')).toEqual(buy);
    expect(commandOf(lang, 'beli.S10.08123456789.1234')).toEqual(buy);
    expect(lang.formats.find((f) => f.format.startsWith('BELI'))?.example).toBe('BELI.S10.08123456789.1234');
  });
});

describe('language and reply overrides', () => {
  const lang = fromYaml(`
grammar:
  language: en
replies:
  CekSaldo.ok: "Your balance: [saldo]"
`);

  it('words issues in English', () => {
    expect(issueOf(lang, 'SAL').message).toBe('Wrong format. Example: SAL.1234');
    expect(issueOf(lang, 'GP.12.1234').message).toBe('Invalid new PIN. Example: GP.5678.1234');
  });

  it('renders the override', () => {
    expect(lang.render('CekSaldo.ok', { saldo: '10.000' })).toBe('Your balance: 10.000');
    expect(lang.render('Transfer.ok', { jumlah: 5, downline: 'OX3', saldo: 7 })).toBe('Transferred 5 to OX3. Balance 7.');
  });
});

describe('any visible punctuation as the separator', () => {
  const allowed = [...'!"#$%&\'()+-./:;<>?@[\\]^_`{|}~', ' '];

  it.each(allowed)('%j', (sep) => {
    const lang = languageOf({ separators: [sep] });
    expect(commandOf(lang, `SAL${sep}1234`)).toEqual({ kind: 'CekSaldo', pin: '1234' });
    expect(commandOf(lang, ['MP', 'OX0003', 'S5=50,S10=75', '1234'].join(sep))).toMatchObject({ kind: 'UbahMarkupProduk' });
    expect(issueOf(lang, `SAL${sep}12`).code).toBe('BAD_VALUE');
  });
});
