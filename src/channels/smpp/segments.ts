import { DATA_CODING, encodeUcs2 } from './codec.js';
import { encodeGsm7 } from './gsm7.js';
import { concatUdh } from './udh.js';

/** One submit_sm (or deliver_sm) of a reply: short_message octets, UDH included when split. */
export interface Segment {
  readonly dataCoding: number;
  readonly shortMessage: Buffer;
  readonly udh: boolean;
  readonly seq: number;
  readonly total: number;
}

/** Limits per 3GPP TS 23.040 with the 6-octet concatenation UDH: 160/153 septets, 70/67 UCS2 units. */
const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS2_SINGLE = 140; // octets: 70 UTF-16 units
const UCS2_PART = 134; // octets: 67 units
/** The part counter is one octet. */
export const MAX_PARTS = 255;

/**
 * A reply as the parts that carry it: GSM 03.38 (data_coding 0) when every character fits the
 * default alphabet, UCS2 (8) otherwise; one part when it fits 160 septets / 70 units, else parts
 * of 153 / 67 with UDH `05 00 03 ref total seq`. A part never ends between ESC and its character
 * or inside a surrogate pair. The same text and ref always give the same parts (a retry resends
 * only the parts not yet accepted, and they still join up). Parts past 255 are dropped.
 */
export function splitText(text: string, ref: number): Segment[] {
  const whole = encodeGsm7(text);
  if (whole && whole.length <= GSM_SINGLE) return [{ dataCoding: DATA_CODING.GSM7, shortMessage: whole, udh: false, seq: 1, total: 1 }];
  if (!whole && text.length <= UCS2_SINGLE / 2) {
    return [{ dataCoding: DATA_CODING.UCS2, shortMessage: encodeUcs2(text), udh: false, seq: 1, total: 1 }];
  }
  const chars = [...text];
  const units = whole ? chars.map((ch) => encodeGsm7(ch) as Buffer) : chars.map((ch) => encodeUcs2(ch));
  const [part, dataCoding] = whole ? [GSM_PART, DATA_CODING.GSM7] : [UCS2_PART, DATA_CODING.UCS2];
  const bodies: Buffer[] = [];
  let current: Buffer[] = [];
  let length = 0;
  for (const u of units) {
    if (length + u.length > part) {
      bodies.push(Buffer.concat(current));
      current = [];
      length = 0;
    }
    current.push(u);
    length += u.length;
  }
  bodies.push(Buffer.concat(current));
  const kept = bodies.slice(0, MAX_PARTS);
  return kept.map((body, i) => ({
    dataCoding, udh: true, seq: i + 1, total: kept.length,
    shortMessage: Buffer.concat([concatUdh(ref, kept.length, i + 1), body]),
  }));
}
