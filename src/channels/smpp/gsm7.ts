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

/**
 * Septets by UTF-16 code unit (every character of the alphabet is one unit): the basic code, or
 * 0x100 + the extension code, or -1 when the unit is not in the alphabet.
 */
const SEPTETS = new Int16Array(0x10000).fill(-1);
for (const [ch, code] of basicCode) SEPTETS[ch.charCodeAt(0)] = code;
for (const [ch, code] of extCode) SEPTETS[ch.charCodeAt(0)] = 0x100 + code;

/** Unpacked septets of `text`; null when a character is not in the alphabet. */
export function encodeGsm7(text: string): Buffer | null {
  const out = Buffer.allocUnsafe(text.length * 2); // an extension character takes two
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const septet = SEPTETS[text.charCodeAt(i)]!;
    if (septet < 0) return null; // (a surrogate half is never in the alphabet)
    if (septet < 0x100) out[at++] = septet;
    else {
      out[at++] = GSM7_ESC;
      out[at++] = septet - 0x100;
    }
  }
  return out.subarray(0, at);
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
