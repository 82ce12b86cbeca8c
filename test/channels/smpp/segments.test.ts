import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/channels/smpp/codec.js';
import { splitText, type Segment } from '../../../src/channels/smpp/segments.js';
import { readUdh } from '../../../src/channels/smpp/udh.js';

/** What a handset shows: the parts' bodies decoded and joined in order. */
const join = (parts: Segment[]) =>
  parts.map((p) => decodeText(p.udh ? readUdh(p.shortMessage).body : p.shortMessage, p.dataCoding)).join('');
const bodyLength = (p: Segment) => (p.udh ? readUdh(p.shortMessage).body.length : p.shortMessage.length);

describe('splitting replies', () => {
  it('160 GSM characters are one part; 161 are 153 + 8 with UDH 05 00 03 ref 02 seq', () => {
    expect(splitText('a'.repeat(160), 7)).toEqual([expect.objectContaining({ dataCoding: 0, udh: false, total: 1 })]);
    const parts = splitText('a'.repeat(161), 7);
    expect(parts.map(bodyLength)).toEqual([153, 8]);
    expect([...parts[0]!.shortMessage.subarray(0, 6)]).toEqual([5, 0, 3, 7, 2, 1]);
    expect([...parts[1]!.shortMessage.subarray(0, 6)]).toEqual([5, 0, 3, 7, 2, 2]);
  });

  it('extension characters count twice and are never cut from their ESC', () => {
    expect(splitText('€'.repeat(80), 1)).toHaveLength(1);
    const parts = splitText(`${'€'.repeat(80)}a`, 1);
    expect(parts.map(bodyLength)).toEqual([152, 9]); // 76 € (152 septets): a 77th would not fit 153
    expect(join(parts)).toBe(`${'€'.repeat(80)}a`);
  });

  it('one character outside GSM makes the whole reply UCS2: 70 units in one part, else 67 per part', () => {
    expect(splitText(`✓${'a'.repeat(69)}`, 1)).toEqual([expect.objectContaining({ dataCoding: 8, total: 1 })]);
    const parts = splitText(`✓${'a'.repeat(70)}`, 1);
    expect(parts.map((p) => [p.dataCoding, bodyLength(p)])).toEqual([[8, 134], [8, 8]]);
  });

  it('never cuts a surrogate pair', () => {
    const text = `${'a'.repeat(66)}😀😀😀`; // 72 units
    const parts = splitText(text, 1);
    expect(parts.map(bodyLength)).toEqual([132, 12]); // 66 units: the first emoji moves whole to part 2
    expect(join(parts)).toBe(text);
  });

  it('is the same for the same text and reference (a retry resends identical parts)', () => {
    const text = 'Harga S: '.repeat(40);
    expect(splitText(text, 200)).toEqual(splitText(text, 200));
  });

  it('any text joins back to itself; no part is over 140 octets', () => {
    const ch = fc.oneof(fc.constantFrom('a', 'Z', '9', '.', ' ', '€', '{', 'é', '\n'), fc.constantFrom('✓', '😀', 'ç', '“'));
    fc.assert(fc.property(fc.array(ch, { maxLength: 700 }), fc.integer({ min: 0, max: 255 }), (chars, ref) => {
      const text = chars.join('');
      const parts = splitText(text, ref);
      expect(join(parts)).toBe(text);
      for (const p of parts) {
        expect(p.shortMessage.length).toBeLessThanOrEqual(140);
        expect(p.total).toBe(parts.length);
        if (p.udh) expect(readUdh(p.shortMessage).concat).toEqual({ ref, total: parts.length, seq: p.seq });
      }
    }));
  });
});

describe('reading a UDH', () => {
  it('finds the 8-bit and the 16-bit concatenation elements among others and returns the body', () => {
    expect(readUdh(Buffer.from([5, 0, 3, 0x42, 2, 1, 0x41]))).toEqual({ concat: { ref: 0x42, total: 2, seq: 1 }, body: Buffer.from('A') });
    expect(readUdh(Buffer.from([6, 8, 4, 0x12, 0x34, 3, 2, 0x41])).concat).toEqual({ ref: 0x1234, total: 3, seq: 2 });
    // a port-addressing element (IEI 05) first, then concatenation
    expect(readUdh(Buffer.from([11, 5, 4, 0, 1, 0, 2, 0, 3, 9, 2, 2, 0x42])).concat).toEqual({ ref: 9, total: 2, seq: 2 });
  });

  it('ignores impossible sequence numbers and truncated headers', () => {
    expect(readUdh(Buffer.from([5, 0, 3, 1, 2, 3, 0x41])).concat).toBeNull();
    expect(readUdh(Buffer.from([5, 0, 3])).concat).toBeNull();
    expect(readUdh(Buffer.alloc(0))).toEqual({ concat: null, body: Buffer.alloc(0) });
  });
});
