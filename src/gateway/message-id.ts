import { randomUUID } from 'node:crypto';

/**
 * A new message id that the gateway mints (SMPP messages, HTTP and CLI messages sent without
 * one): the time in milliseconds as 12 hex digits, then 80 random bits. Unique as a random UUID
 * is for any practical purpose, and in time order, so that the journal's unique key (channel,
 * message id, sender) and the sale's reference grow at their right edge instead of dirtying a
 * page of the index for every message (docs/benchmarks.md, "Keys in time order").
 */
export function newMessageId(now = Date.now()): string {
  const u = randomUUID(); // xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: skip the version and variant
  return `${now.toString(16).padStart(12, '0')}-${u.slice(0, 8)}${u.slice(9, 13)}${u.slice(24, 32)}`;
}
