/**
 * Concatenation information elements of the User Data Header (3GPP TS 23.040 §9.2.3.24.1 and
 * .8): IEI 0x00 with an 8-bit reference, IEI 0x08 with a 16-bit one.
 */
export interface ConcatInfo {
  readonly ref: number;
  readonly total: number;
  readonly seq: number;
}

/** esm_class bit 6: short_message starts with a UDH (SMPP 3.4 §5.2.12). */
export const ESM_UDHI = 0x40;

/** `05 00 03 ref total seq`: the 6-octet header every part of a split reply carries. */
export const concatUdh = (ref: number, total: number, seq: number): Buffer => Buffer.from([0x05, 0x00, 0x03, ref & 0xff, total, seq]);

/** Splits a short_message that starts with a UDH into its concatenation info (if any) and body. */
export function readUdh(sm: Buffer): { concat: ConcatInfo | null; body: Buffer } {
  if (sm.length === 0) return { concat: null, body: sm };
  const udhl = sm[0]!;
  const end = Math.min(sm.length, 1 + udhl);
  let concat: ConcatInfo | null = null;
  for (let i = 1; i + 1 < end; ) {
    const iei = sm[i]!;
    const len = sm[i + 1]!;
    const d = sm.subarray(i + 2, i + 2 + len);
    if (iei === 0x00 && len === 3 && d.length === 3) concat = { ref: d[0]!, total: d[1]!, seq: d[2]! };
    if (iei === 0x08 && len === 4 && d.length === 4) concat = { ref: (d[0]! << 8) | d[1]!, total: d[2]!, seq: d[3]! };
    i += 2 + len;
  }
  if (concat && (concat.total < 1 || concat.seq < 1 || concat.seq > concat.total)) concat = null;
  return { concat, body: sm.subarray(end) };
}
