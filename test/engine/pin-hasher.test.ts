import { describe, expect, it } from 'vitest';
import { createPinHasher } from '../../src/engine/pin-hasher.js';

const key = Buffer.alloc(32, 7);

describe('PIN hasher: the last good PIN of each stored hash is remembered', () => {
  it('gives the same answers with the memo as without, in any order of tries', () => {
    const fresh = () => createPinHasher(key);
    const warm = createPinHasher(key);
    const stored = { OX001: warm.hash('OX001', '1234'), OX002: warm.hash('OX002', '9876') };
    const tries: Array<[keyof typeof stored, string, string]> = [];
    for (const code of ['OX001', 'OX002', 'ox001', 'OX003'] as const) {
      for (const pin of ['1234', '9876', '12345', '123', '']) {
        for (const owner of ['OX001', 'OX002'] as const) tries.push([owner, code, pin]);
      }
    }
    // Twice over: the second pass meets every remembered PIN.
    for (const [owner, code, pin] of [...tries, ...tries.reverse()]) {
      expect(warm.verify(code, pin, stored[owner]), `${code}/${pin} against ${owner}`).toBe(fresh().verify(code, pin, stored[owner]));
    }
  });

  it('does not take a remembered PIN for another one, nor for a changed hash', () => {
    const h = createPinHasher(key);
    const old = h.hash('OX001', '1234');
    expect(h.verify('OX001', '1234', old)).toBe(true); // remembered
    expect(h.verify('OX001', '1235', old)).toBe(false);
    expect(h.verify('OX002', '1234', old)).toBe(false);
    const changed = h.hash('OX001', '5555');
    expect(h.verify('OX001', '1234', changed)).toBe(false);
    expect(h.verify('OX001', '5555', changed)).toBe(true);
    expect(h.verify('OX001', '1234', old)).toBe(true);
    expect(h.verify('OX001', '1234', `x${old}`)).toBe(false); // not a hash of this version
  });

  it('after 100,000 remembered hashes (the bound), still answers right', () => {
    const h = createPinHasher(key);
    const first = h.hash('A0', '1111');
    expect(h.verify('A0', '1111', first)).toBe(true);
    for (let i = 1; i <= 100_000; i++) {
      const stored = h.hash(`A${i}`, '1111');
      expect(h.verify(`A${i}`, '1111', stored)).toBe(true);
    }
    expect(h.verify('A0', '1111', first)).toBe(true);
    expect(h.verify('A0', '2222', first)).toBe(false);
  });
});
