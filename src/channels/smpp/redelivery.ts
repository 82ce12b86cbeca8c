import { newMessageId } from '../../gateway/message-id.js';

/** The session number standing for every session of an earlier run of the process. */
const PREVIOUS_RUN = -1;

interface Seen {
  readonly id: string;
  session: number;
  readonly at: number;
  ackedAt?: number;
}

/**
 * SMPP gives an inbound message no id of its own (deliver_sm and submit_sm carry none), so the
 * gateway names each one, and must give a redelivery the same name for the journal to run it
 * once. A peer redelivers what it sent on a session that ended before our acknowledgement
 * reached it; so a message identical to one seen within the window (same sender, recipient,
 * reference and text) is a redelivery when the first copy's session has ended and the first copy
 * was never acknowledged, or was acknowledged within `lossMs` of the end. The same text again
 * while the first copy's session is alive is a new message (a machine client may well send the
 * same price check twice); a sale repeated that way meets the same-sale rule.
 */
export class RedeliveryFilter {
  private readonly seen = new Map<string, Seen>();
  private readonly endedAt = new Map<number, number>();
  /** Acknowledgements in the order they were made (from `ackHead` on): see `prune`. */
  private acks: Array<{ readonly key: string; readonly id: string; readonly session: number; readonly at: number }> = [];
  private ackHead = 0;

  constructor(private readonly opts: { windowMs: number; lossMs: number; now: () => number }) {}

  /**
   * Messages a previous run of the gateway committed (from the journal): their sessions ended
   * with that process, and whether their acknowledgements got out is unknown, so an identical
   * message within the window is taken as a redelivery and given the same id.
   */
  seed(entries: ReadonlyArray<{ key: string; id: string; at: number }>): void {
    this.endedAt.set(PREVIOUS_RUN, this.opts.now());
    for (const e of entries) {
      this.seen.delete(e.key);
      this.seen.set(e.key, { id: e.id, session: PREVIOUS_RUN, at: e.at });
    }
  }

  /** The message id for this message arriving on `session`; `minted` when it is a new one. */
  idFor(key: string, session: number): { id: string; minted: boolean } {
    const now = this.opts.now();
    this.prune(now);
    const s = this.seen.get(key);
    if (s && s.session !== session && now - s.at <= this.opts.windowMs && this.mayBeRedelivered(s)) return { id: s.id, minted: false };
    const id = newMessageId();
    this.seen.delete(key);
    this.seen.set(key, { id, session, at: now });
    return { id, minted: true };
  }

  /** The message named `id` was acknowledged to the peer on `session`. */
  acked(key: string, id: string, session: number): void {
    const s = this.seen.get(key);
    if (s?.id !== id) return;
    s.session = session;
    s.ackedAt = this.opts.now();
    this.acks.push({ key, id, session, at: s.ackedAt });
  }

  /** Messages remembered now (for tests and memory checks). */
  get size(): number {
    return this.seen.size;
  }

  sessionEnded(session: number): void {
    this.endedAt.set(session, this.opts.now());
  }

  private mayBeRedelivered(s: Seen): boolean {
    const ended = this.endedAt.get(s.session);
    if (ended === undefined) return false;
    return s.ackedAt === undefined || ended - s.ackedAt <= this.opts.lossMs;
  }

  private prune(now: number): void {
    for (const [key, s] of this.seen) {
      if (now - s.at <= this.opts.windowMs) break; // insertion order is arrival order
      this.seen.delete(key);
    }
    // A message acknowledged more than `lossMs` ago on a session that is still up can never be
    // taken for a redelivery (whenever that session ends, it will be more than `lossMs` after the
    // acknowledgement), so it is forgotten now rather than at the end of the window: a busy link
    // keeps only its last `lossMs` of messages (at 100 msg/s for the whole 10-minute window,
    // ~670 bytes each, it was ~40 MB).
    while (this.ackHead < this.acks.length) {
      const a = this.acks[this.ackHead]!;
      if (now - a.at <= this.opts.lossMs) break;
      this.ackHead++;
      const s = this.seen.get(a.key);
      if (s?.id === a.id && s.session === a.session && s.ackedAt === a.at && !this.endedAt.has(a.session)) this.seen.delete(a.key);
    }
    if (this.ackHead > 1024 && this.ackHead * 2 > this.acks.length) {
      this.acks = this.acks.slice(this.ackHead);
      this.ackHead = 0;
    }
    for (const [session, at] of this.endedAt) if (now - at > this.opts.windowMs) this.endedAt.delete(session);
  }
}
