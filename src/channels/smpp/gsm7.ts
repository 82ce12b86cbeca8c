/**
 * GSM 03.38 (3GPP TS 23.038 §6.2.1) default alphabet and its extension table, unpacked: one
 * septet per octet, as SMPP carries it (the SMSC packs). An extension character costs two
 * septets: ESC (0x1B) then its code.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION: ReadonlyArray<readonly [string, number]> = [
  ['\f', 0x0a], ['^', 0x14], ['{', 0x28], ['}', 0x29], ['\\', 0x2f], ['[', 0x3c], ['~', 0x3d], [']', 0x3e], ['|', 0x40], ['€', 0x65],
];
export const GSM7_ESC = 0x1b;

const basicCode = new Map<string, number>();
[...BASIC].forEach((ch, i) => {
  if (i !== GSM7_ESC) basicCode.set(ch, i);
});
const extCode = new Map(EXTENSION);
const extChar = new Map(EXTENSION.map(([ch, code]) => [code, ch]));

/** Septets one character takes: 1 (basic), 2 (extension), 0 when it is not in the alphabet. */
export function gsm7Cost(ch: string): 0 | 1 | 2 {
  if (basicCode.has(ch)) return 1;
  return extCode.has(ch) ? 2 : 0;
}

/** True when every character of `text` is in the default alphabet or its extension. */
export const fitsGsm7 = (text: string): boolean => [...text].every((ch) => gsm7Cost(ch) > 0);

/** Unpacked septets of `text`; null when a character is not in the alphabet. */
export function encodeGsm7(text: string): Buffer | null {
  const out: number[] = [];
  for (const ch of text) {
    const basic = basicCode.get(ch);
    if (basic !== undefined) out.push(basic);
    else {
      const ext = extCode.get(ch);
      if (ext === undefined) return null;
      out.push(GSM7_ESC, ext);
    }
  }
  return Buffer.from(out);
}

/**
 * Text of unpacked septets. An ESC before a code the extension table lacks shows the basic
 * character (TS 23.038 note); octets above 0x7F are not septets and are read as Latin-1, the
 * most common thing an SMSC means by them.
 */
export function decodeGsm7(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b > 0x7f) out += String.fromCharCode(b);
    else if (b !== GSM7_ESC) out += BASIC[b];
    else if (i + 1 < bytes.length) {
      const next = bytes[++i]!;
      out += extChar.get(next) ?? (next > 0x7f ? String.fromCharCode(next) : BASIC[next] === '\u001b' ? ' ' : BASIC[next]);
    }
  }
  return out;
}
