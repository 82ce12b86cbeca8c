import { decodeGsm7 } from './gsm7.js';

/** data_coding values we send and read (SMPP 3.4 §5.2.19). */
export const DATA_CODING = { GSM7: 0x00, ASCII: 0x01, LATIN1: 0x03, UCS2: 0x08 } as const;

/** UTF-16BE: the SMPP UCS2 octets of `text` (an emoji is a surrogate pair, four octets). */
export function encodeUcs2(text: string): Buffer {
  const b = Buffer.from(text, 'utf16le');
  return b.swap16();
}

function decodeUcs2(bytes: Uint8Array): string {
  const even = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return even.swap16().toString('utf16le');
}

type Alphabet = 'gsm7' | 'ascii' | 'latin1' | 'ucs2';

/**
 * The alphabet a data_coding names: SMPP 3.4 §5.2.19 values, the GSM DCS general data coding
 * groups 0x10–0x3F (bits 3–2) and the 0xF0 group (bit 2: 8-bit, else default alphabet), as in
 * 3GPP TS 23.038 §4. IA5 (1) is read as ASCII, not as GSM (research §1.3).
 */
function alphabetOf(dataCoding: number): Alphabet {
  if (dataCoding === 0x00) return 'gsm7';
  if (dataCoding === 0x01) return 'ascii';
  if (dataCoding === 0x08) return 'ucs2';
  if (dataCoding >= 0x10 && dataCoding <= 0x3f) {
    const bits = (dataCoding >> 2) & 3;
    return bits === 0 ? 'gsm7' : bits === 2 ? 'ucs2' : 'latin1';
  }
  if (dataCoding >= 0xf0) return dataCoding & 0x04 ? 'latin1' : 'gsm7';
  return 'latin1';
}

/** The text of a short_message body (UDH already removed), read by its data_coding. */
export function decodeText(bytes: Uint8Array, dataCoding: number): string {
  switch (alphabetOf(dataCoding)) {
    case 'gsm7':
      return decodeGsm7(bytes);
    case 'ascii':
      return Buffer.from(bytes).toString('latin1').replace(/[^\x00-\x7f]/g, '?');
    case 'ucs2':
      return decodeUcs2(bytes);
    case 'latin1':
      return Buffer.from(bytes).toString('latin1');
  }
}
