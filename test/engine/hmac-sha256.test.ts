import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { hmacSha256 } from '../../src/engine/hmac-sha256.js';

const reference = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();

it('gives the bytes of createHmac for any key length and any text', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(16, 32, 63, 64, 65, 100, 200).map((n) => randomBytes(n)),
      fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 3_000 }), fc.string({ maxLength: 9_000 })),
      (key, text) => {
        const h = hmacSha256(key);
        expect(h.digest(text).equals(reference(key, text))).toBe(true);
        expect(h.digest(text, 'base64url')).toBe(reference(key, text).toString('base64url'));
      },
    ),
    { numRuns: 2_000 },
  );
});

it('a long text (the slow path), lone surrogates, and a short text after a long one', () => {
  const key = randomBytes(32);
  const h = hmacSha256(key);
  for (const text of ['', 'a', '\ud800', 'x\udc00y', '€'.repeat(2_730), '€'.repeat(2_731), 'z'.repeat(20_000), 'short']) {
    expect(h.digest(text).equals(reference(key, text)), `${text.length} units`).toBe(true);
  }
});
