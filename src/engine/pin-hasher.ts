import { hash as digestOf, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { hmacSha256 } from './hmac-sha256.js';

/**
 * PINs are stored as HMAC-SHA256(key, code ∥ PIN): a stolen database alone does not give the PINs
 * away (4–8 digit PINs would fall to a plain hash at once). Compared in constant time.
 */
export interface PinHasher {
  hash(agentCode: string, pin: string): string;
  verify(agentCode: string, pin: string, stored: string): boolean;
  /** A keyed digest of `text` for `label` (domain-separated from PIN hashes). */
  keyed(label: string, text: string): string;
}

const VERSION = 'h1$';
/** Stored hashes whose last good PIN `verify` remembers (then it starts again). */
const MEMO_LIMIT = 100_000;

export function createPinHasher(key: Buffer): PinHasher {
  if (key.length < 32) throw new Error('the PIN hashing key must be at least 32 bytes');
  const hmac = hmacSha256(key);
  const mac = (code: string, pin: string) => hmac.digest(`${code.toUpperCase()}\u0000${pin}`);
  // An HMAC costs ~4.5 µs in Node, most of it building the Hmac object; one-shot SHA-256 ~1 µs.
  // Each stored hash remembers the digest, under a secret of this process alone, of the last PIN
  // that matched it: the same agent sending the same PIN again is told by that digest. Only a
  // full HMAC match is remembered, and a changed PIN has another stored hash. Whoever can read
  // this memory also reads the key and the stored hashes, so it gives nothing away beyond them.
  const secret = randomBytes(32).toString('base64');
  const tagOf = (code: string, pin: string) => digestOf('sha256', `${secret}\u0000${code.toUpperCase()}\u0000${pin}`, 'base64');
  const lastGood = new Map<string, string>();
  return {
    hash: (code, pin) => VERSION + mac(code, pin).toString('base64'),
    keyed: (label, text) => hmac.digest(`${label}\u0001${text}`, 'base64url'),
    verify(code, pin, stored) {
      if (!stored.startsWith(VERSION)) return false;
      const tag = tagOf(code, pin);
      if (lastGood.get(stored) === tag) return true;
      const expected = Buffer.from(stored.slice(VERSION.length), 'base64');
      const actual = mac(code, pin);
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return false;
      if (lastGood.size >= MEMO_LIMIT) lastGood.clear();
      lastGood.set(stored, tag);
      return true;
    },
  };
}

export const PIN_SHAPE = /^\d{4,8}$/;

/**
 * The key comes from the environment variable when set (hex or base64), else from a file that is
 * generated once (mode 0600) beside the database. It is never committed and has no default.
 */
export function loadPinKey(opts: { env: string; file: string; value: string | undefined }): Buffer {
  if (opts.value !== undefined && opts.value !== '') {
    const v = opts.value.trim();
    const key = /^[0-9a-fA-F]+$/.test(v) && v.length % 2 === 0 ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
    if (key.length < 32) throw new Error(`${opts.env} must hold at least 32 bytes (64 hex characters)`);
    return key;
  }
  const read = () => Buffer.from(readFileSync(opts.file, 'utf8').trim(), 'hex');
  if (existsSync(opts.file)) return read();
  mkdirSync(dirname(opts.file), { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(opts.file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return read(); // another process won the race
    throw e;
  }
  chmodSync(opts.file, 0o600);
  return key;
}
