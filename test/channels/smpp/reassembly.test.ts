import { afterEach, describe, expect, it, vi } from 'vitest';
import { Reassembler, type Ack } from '../../../src/channels/smpp/reassembly.js';
import { RedeliveryFilter } from '../../../src/channels/smpp/redelivery.js';

const ack = (): Ack & { calls: number[] } => {
  const calls: number[] = [];
  return Object.assign((status: number) => void calls.push(status), { calls });
};

afterEach(() => vi.useRealTimers());

describe('reassembling long inbound messages', () => {
  it('joins parts in sequence order whatever order they arrive in, holding every acknowledgement', () => {
    const r = new Reassembler({ timeoutMs: 1_000, keepDoneMs: 60_000, now: Date.now }, () => {});
    const [a1, a2, a3] = [ack(), ack(), ack()];
    expect(r.add('k', 3, 3, 'C', a3).kind).toBe('wait');
    expect(r.add('k', 3, 1, 'A', a1).kind).toBe('wait');
    const done = r.add('k', 3, 2, 'B', a2);
    expect(done).toEqual({ kind: 'complete', text: 'ABC', acks: [a3, a1, a2] });
    r.stop();
  });

  it('a part redelivered while its message is being handled joins the acknowledgements', () => {
    const r = new Reassembler({ timeoutMs: 1_000, keepDoneMs: 60_000, now: Date.now }, () => {});
    r.add('k', 2, 1, 'A', ack());
    const done = r.add('k', 2, 2, 'B', ack());
    const again = ack();
    expect(r.add('k', 2, 1, 'A', again).kind).toBe('wait');
    expect(done.kind === 'complete' && done.acks).toContain(again);
    r.stop();
  });

  it('after the message ran, a part seen again is acknowledged at once; a new text under the same reference is a new message', () => {
    const r = new Reassembler({ timeoutMs: 1_000, keepDoneMs: 60_000, now: Date.now }, () => {});
    r.add('k', 2, 1, 'A', ack());
    r.add('k', 2, 2, 'B', ack());
    r.handled('k', true);
    expect(r.add('k', 2, 2, 'B', ack()).kind).toBe('seen');
    expect(r.add('k', 2, 1, 'X', ack()).kind).toBe('wait');
    r.stop();
  });

  it('when handling failed, redelivered parts are collected again', () => {
    const r = new Reassembler({ timeoutMs: 1_000, keepDoneMs: 60_000, now: Date.now }, () => {});
    r.add('k', 2, 1, 'A', ack());
    r.add('k', 2, 2, 'B', ack());
    r.handled('k', false);
    expect(r.add('k', 2, 1, 'A', ack()).kind).toBe('wait');
    expect(r.add('k', 2, 2, 'B', ack()).kind).toBe('complete');
    r.stop();
  });

  it('an incomplete group is handed over with what arrived when the timeout passes', () => {
    vi.useFakeTimers();
    const expired: Array<[string, string, number]> = [];
    const r = new Reassembler({ timeoutMs: 1_000, keepDoneMs: 60_000, now: Date.now }, (k, text, acks) => void expired.push([k, text, acks.length]));
    r.add('k', 3, 1, 'A', ack());
    r.add('k', 3, 3, 'C', ack());
    vi.advanceTimersByTime(999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([['k', 'AC', 2]]);
    expect(r.collecting).toBe(0);
  });
});

describe('telling a redelivery from a new message', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  };

  it('the same message again on the next session, never acknowledged on the one that ended, is a redelivery (same id)', () => {
    const c = clock();
    const f = new RedeliveryFilter({ windowMs: 60_000, lossMs: 5_000, now: c.now });
    const first = f.idFor('m', 1);
    expect(first.minted).toBe(true);
    f.sessionEnded(1);
    expect(f.idFor('m', 2)).toEqual({ id: first.id, minted: false }); // not fresh: the journal is asked
  });

  it("the same message again while the first copy's session is alive is a new message (acknowledged or not)", () => {
    const c = clock();
    const f = new RedeliveryFilter({ windowMs: 60_000, lossMs: 5_000, now: c.now });
    const id = f.idFor('m', 1).id;
    const again = f.idFor('m', 1);
    expect(again.id).not.toBe(id);
    expect(again.minted).toBe(true);
    expect(f.idFor('m', 2).id).not.toBe(id); // another live session of the same peer
  });

  it('acknowledged on a session that stayed up: the same text again is a new message', () => {
    const c = clock();
    const f = new RedeliveryFilter({ windowMs: 60_000, lossMs: 5_000, now: c.now });
    const id = f.idFor('m', 1).id;
    f.acked('m', id, 1);
    c.advance(100);
    expect(f.idFor('m', 1).id).not.toBe(id);
  });

  it('acknowledged just before its session died: the copy on the next session is a redelivery', () => {
    const c = clock();
    const f = new RedeliveryFilter({ windowMs: 60_000, lossMs: 5_000, now: c.now });
    const id = f.idFor('m', 1).id;
    f.acked('m', id, 1);
    c.advance(1_000);
    f.sessionEnded(1);
    expect(f.idFor('m', 2).id).toBe(id);
    f.acked('m', id, 2); // acknowledged again on the live session: a later copy is new
    c.advance(100);
    expect(f.idFor('m', 2).id).not.toBe(id);
  });

  it('acknowledged long before its session died, or outside the window: a new message', () => {
    const c = clock();
    const f = new RedeliveryFilter({ windowMs: 60_000, lossMs: 5_000, now: c.now });
    const id = f.idFor('m', 1).id;
    f.acked('m', id, 1);
    c.advance(10_000);
    f.sessionEnded(1);
    expect(f.idFor('m', 2).id).not.toBe(id);
    const unacked = f.idFor('n', 2).id;
    c.advance(61_000);
    expect(f.idFor('n', 2).id).not.toBe(unacked);
  });
});

describe('what the redelivery filter keeps', () => {
  it('forgets a message acknowledged more than lossMs ago on a live session, and still tells every redelivery', () => {
    let t = 1_000_000;
    const f = new RedeliveryFilter({ windowMs: 600_000, lossMs: 5_000, now: () => t });
    for (let i = 0; i < 1_000; i++) {
      const { id } = f.idFor(`m${i}`, 1);
      f.acked(`m${i}`, id, 1);
      t += 100; // 10 messages a second for 100 s, all acknowledged on the live session 1
    }
    expect(f.size).toBeLessThanOrEqual(51); // the last 5 s of them, not the whole 10-minute window
    const late = f.idFor('late', 1); // acknowledged just before session 1 ends: a redelivery candidate
    f.acked('late', late.id, 1);
    const unacked = f.idFor('unacked', 1); // never acknowledged
    t += 1_000;
    f.sessionEnded(1);
    t += 10_000; // well past lossMs: the ended session's candidates are kept for the window
    expect(f.idFor('late', 2)).toEqual({ id: late.id, minted: false });
    expect(f.idFor('unacked', 2)).toEqual({ id: unacked.id, minted: false });
    expect(f.idFor('m0', 2).minted).toBe(true); // acknowledged long before the end: a new message
    expect(f.idFor('m940', 2).minted).toBe(true); // 7 s before the end (over lossMs): new as well
    expect(f.idFor('m999', 2).minted).toBe(false); // 1.1 s before the end: its ack may be lost, a redelivery
  });
});
