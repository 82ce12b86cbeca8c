/**
 * Long inbound messages: parts that share (sender, recipient, reference, total) are joined in
 * order. Each part's acknowledgement is held until the joined message has been handled, so a
 * part is never acknowledged before its message is journaled; a redelivered part adds its
 * acknowledgement to the group. A group still incomplete after the timeout is handled with the
 * parts that arrived. After a group was handled, a part that arrives again with the same text is
 * acknowledged at once (its message already ran).
 */
export type Ack = (status: number, messageId?: string) => void;

export type PartOutcome =
  | { readonly kind: 'wait' }
  | { readonly kind: 'complete'; readonly text: string; readonly acks: Ack[] }
  | { readonly kind: 'seen' };

interface Group {
  state: 'collecting' | 'handling' | 'done';
  readonly total: number;
  readonly texts: Map<number, string>;
  readonly acks: Ack[];
  timer?: NodeJS.Timeout | undefined;
  doneAt?: number;
}

export class Reassembler {
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly opts: { timeoutMs: number; keepDoneMs: number; now: () => number },
    /** A group timed out: handle what arrived, then call `handled`. */
    private readonly onExpire: (key: string, text: string, acks: Ack[]) => void,
  ) {}

  add(key: string, total: number, seq: number, text: string, ack: Ack): PartOutcome {
    this.prune();
    let g = this.groups.get(key);
    if (g?.state === 'done') {
      if (g.texts.get(seq) === text) return { kind: 'seen' };
      this.groups.delete(key); // the reference was reused for a new message
      g = undefined;
    }
    if (g?.state === 'handling') {
      g.acks.push(ack);
      return { kind: 'wait' };
    }
    if (!g) {
      g = { state: 'collecting', total, texts: new Map(), acks: [] };
      const group = g;
      g.timer = setTimeout(() => this.expire(key, group), this.opts.timeoutMs);
      g.timer.unref();
      this.groups.set(key, g);
    }
    g.texts.set(seq, text);
    g.acks.push(ack);
    if (g.texts.size < g.total) return { kind: 'wait' };
    clearTimeout(g.timer);
    g.state = 'handling';
    return { kind: 'complete', text: joined(g), acks: g.acks };
  }

  /** The group's message was handled (ok) or failed: failed parts start over when redelivered. */
  handled(key: string, ok: boolean): void {
    const g = this.groups.get(key);
    if (!g || g.state !== 'handling') return;
    if (!ok) this.groups.delete(key);
    else {
      g.state = 'done';
      g.doneAt = this.opts.now();
      g.acks.length = 0;
    }
  }

  /** Groups still collecting parts (for tests and status). */
  get collecting(): number {
    return [...this.groups.values()].filter((g) => g.state === 'collecting').length;
  }

  stop(): void {
    for (const g of this.groups.values()) clearTimeout(g.timer);
    this.groups.clear();
  }

  private expire(key: string, g: Group): void {
    if (this.groups.get(key) !== g || g.state !== 'collecting') return;
    g.state = 'handling';
    this.onExpire(key, joined(g), g.acks);
  }

  private prune(): void {
    const before = this.opts.now() - this.opts.keepDoneMs;
    for (const [key, g] of this.groups) if (g.state === 'done' && (g.doneAt ?? 0) < before) this.groups.delete(key);
  }
}

const joined = (g: Group) => [...g.texts.entries()].sort(([a], [b]) => a - b).map(([, t]) => t).join('');
