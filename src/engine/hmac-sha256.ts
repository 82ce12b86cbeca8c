import { createHash, createHmac, hash, type BinaryToTextEncoding } from 'node:crypto';

/** UTF-8 bytes of text a keyed digest takes by the fast path (longer text takes `createHmac`). */
const CAPACITY = 8_192;

export interface Hmac {
  /** HMAC-SHA256 of `text` (UTF-8), the same bytes as `createHmac('sha256', key)`. */
  digest(text: string): Buffer;
  digest(text: string, encoding: BinaryToTextEncoding): string;
}

/**
 * HMAC-SHA256 under one key, computed as RFC 2104 writes it, with two one-shot SHA-256 calls
 * (`crypto.hash`) over padded buffers made once: ~3 µs instead of ~4.5 for `createHmac`, most of
 * whose cost is building the Hmac object. Not reentrant (one scratch buffer): synchronous use.
 */
export function hmacSha256(key: Buffer): Hmac {
  const k = key.length > 64 ? createHash('sha256').update(key).digest() : key;
  const inner = Buffer.alloc(64 + CAPACITY);
  const outer = Buffer.alloc(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = (k[i] ?? 0) ^ 0x36;
    outer[i] = (k[i] ?? 0) ^ 0x5c;
  }
  function digest(text: string): Buffer;
  function digest(text: string, encoding: BinaryToTextEncoding): string;
  function digest(text: string, encoding?: BinaryToTextEncoding): Buffer | string {
    // A UTF-16 unit is at most 3 UTF-8 bytes: text this short always fits whole.
    if (text.length * 3 > CAPACITY) {
      const h = createHmac('sha256', key).update(text);
      return encoding === undefined ? h.digest() : h.digest(encoding);
    }
    const n = inner.write(text, 64, 'utf8');
    hash('sha256', inner.subarray(0, 64 + n), 'buffer').copy(outer, 64);
    return encoding === undefined ? hash('sha256', outer, 'buffer') : hash('sha256', outer, encoding);
  }
  return { digest };
}
