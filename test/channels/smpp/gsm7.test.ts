import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATA_CODING, decodeText, encodeUcs2 } from '../../../src/channels/smpp/codec.js';
import { decodeGsm7, encodeGsm7, fitsGsm7, gsm7Cost } from '../../../src/channels/smpp/gsm7.js';

const BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';

describe('GSM 03.38 encoder', () => {
  it('maps the basic table to its septets (TS 23.038 §6.2.1)', () => {
    expect([...encodeGsm7('@£$')!]).toEqual([0x00, 0x01, 0x02]);
    expect([...encodeGsm7('_')!]).toEqual([0x11]);
    expect([...encodeGsm7('A')!]).toEqual([0x41]);
    expect([...encodeGsm7('¡¿à')!]).toEqual([0x40, 0x60, 0x7f]);
    expect([...encodeGsm7('Rp10.000')!]).toEqual([...Buffer.from('Rp10.000')]);
  });

  it('writes an extension character as ESC and its code, and counts it as two septets', () => {
    expect([...encodeGsm7('€')!]).toEqual([0x1b, 0x65]);
    expect([...encodeGsm7('{x}')!]).toEqual([0x1b, 0x28, 0x78, 0x1b, 0x29]);
    expect([...EXTENSION].map(gsm7Cost)).toEqual(Array(EXTENSION.length).fill(2));
    expect([...BASIC].map(gsm7Cost)).toEqual(Array([...BASIC].length).fill(1));
  });

  it('gives what a character-by-character lookup of the two tables gives, for any text', () => {
    const basic = new Map([...BASIC].map((ch, i) => [ch, i < 27 ? i : i + 1] as const)); // ESC (27) is not in BASIC here
    const ext = new Map<string, number>([['\f', 0x0a], ['^', 0x14], ['{', 0x28], ['}', 0x29], ['\\', 0x2f], ['[', 0x3c], ['~', 0x3d], [']', 0x3e], ['|', 0x40], ['€', 0x65]]);
    const reference = (text: string): number[] | null => {
      const out: number[] = [];
      for (const ch of text) {
        const b = basic.get(ch);
        const e = ext.get(ch);
        if (b !== undefined) out.push(b);
        else if (e !== undefined) out.push(0x1b, e);
        else return null;
      }
      return out;
    };
    const mostlyGsm = fc.array(fc.oneof(fc.constantFrom(...[...BASIC], ...[...EXTENSION]), fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp))), { maxLength: 40 });
    fc.assert(fc.property(mostlyGsm, (chars) => {
      const text = chars.join('');
      const got = encodeGsm7(text);
      expect(got === null ? null : [...got]).toEqual(reference(text));
    }), { numRuns: 2000 });
    expect(encodeGsm7('\u001b')).toBeNull(); // ESC itself is not a character of the alphabet
    expect(encodeGsm7('')).toEqual(Buffer.alloc(0));
  });

  it('refuses characters outside the alphabet: the reply then goes as UCS2', () => {
    for (const t of ['✓', '😀', 'ç', '`', '“quoted”', 'naïve']) {
      expect(encodeGsm7(t), t).toBeNull();
      expect(fitsGsm7(t), t).toBe(false);
    }
    expect(fitsGsm7('Saldo Rp50.000 @ 10:00 {ok} €')).toBe(true);
  });
});

describe('GSM 03.38 decoder', () => {
  it('round-trips every text of the alphabet', () => {
    const gsmChar = fc.constantFrom(...[...BASIC], ...[...EXTENSION]);
    fc.assert(fc.property(fc.array(gsmChar, { maxLength: 200 }), (chars) => {
      const text = chars.join('');
      expect(decodeGsm7(encodeGsm7(text)!)).toBe(text);
    }));
  });

  it('reads ESC before an unknown code as the basic character, and a trailing ESC as nothing', () => {
    expect(decodeGsm7(Buffer.from([0x1b, 0x41, 0x42]))).toBe('AB');
    expect(decodeGsm7(Buffer.from([0x41, 0x1b]))).toBe('A');
  });
});

describe('decoding by data_coding', () => {
  it('0 is GSM, 1 is ASCII (not GSM: "@" stays "@"), 3 is Latin-1, 8 is UCS2 with surrogate pairs', () => {
    expect(decodeText(encodeGsm7('@$_')!, DATA_CODING.GSM7)).toBe('@$_');
    expect(decodeText(Buffer.from('@$_ok'), DATA_CODING.ASCII)).toBe('@$_ok');
    expect(decodeText(Buffer.from('café', 'latin1'), DATA_CODING.LATIN1)).toBe('café');
    expect(decodeText(encodeUcs2('Harga ✓ 😀'), DATA_CODING.UCS2)).toBe('Harga ✓ 😀');
    expect([...encodeUcs2('A😀')]).toEqual([0x00, 0x41, 0xd8, 0x3d, 0xde, 0x00]);
  });

  it('reads the GSM DCS groups: 0xF0 class (bit 2 = 8-bit) and general data coding with UCS2', () => {
    expect(decodeText(encodeGsm7('SAL.1234')!, 0xf1)).toBe('SAL.1234');
    expect(decodeText(Buffer.from('abc', 'latin1'), 0xf4)).toBe('abc');
    expect(decodeText(encodeUcs2('✓'), 0x18)).toBe('✓');
  });

  it('drops a dangling odd octet of UCS2 instead of throwing', () => {
    expect(decodeText(Buffer.from([0x00, 0x41, 0x00]), 8)).toBe('A');
  });
});
