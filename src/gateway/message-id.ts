import { randomBytes } from 'node:crypto';

/** 48 random bits drawn once per process (per thread that loads this module): no other one mints the same ids. */
const PROCESS = randomBytes(6).toString('hex');
/** Counts the ids minted by this process (from a random start, modulo 2³²). */
let minted = randomBytes(4).readUInt32BE(0);

/**
 * A new message id that the gateway mints (SMPP messages, HTTP and CLI messages sent without
 * one): the time in milliseconds as 12 hex digits, then 80 bits: 48 random bits of this process
 * and a 32-bit counter. Two ids of one process differ by their counter (it would take 2³² ids in
 * the same millisecond to repeat one); two processes (or threads, or runs) by their random part.
 * In time order, so that the journal's unique key (channel, message id, sender) and the sale's
 * reference grow at their right edge instead of dirtying a page of the index for every message
 * (docs/benchmarks.md, "Keys in time order"). Not a secret: nothing is authorised by knowing one.
 */
export function newMessageId(now = Date.now()): string {
  minted = (minted + 1) >>> 0;
  return `${now.toString(16).padStart(12, '0')}-${PROCESS}${minted.toString(16).padStart(8, '0')}`;
}
