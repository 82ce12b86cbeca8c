import type { MessagePort, Worker } from 'node:worker_threads';

type Endpoint = Pick<MessagePort | Worker, 'postMessage' | 'on' | 'off'>;

type Call = [id: number, method: string, args: unknown[]];
type Result = [id: number, ok: boolean, value: unknown];
type Event = [name: string, payload: unknown];

/** What crosses the thread boundary in one postMessage: everything queued in one turn of the loop. */
interface Packet {
  readonly calls: Call[];
  readonly results: Result[];
  readonly events: Event[];
}

/** An error as it crosses the boundary (an Error's own fields do not survive structured clone). */
interface WireError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}

const toWire = (e: unknown): WireError => {
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as { code?: unknown }).code;
  return { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) };
};

const fromWire = (w: WireError): Error => Object.assign(new Error(w.message), { name: w.name }, w.code ? { code: w.code } : {});

/** The methods one side serves: each takes and returns values that survive structured clone. */
export type Methods = { [name: string]: (...args: never[]) => unknown };

/**
 * Calls, results and events between two threads, batched: whatever is queued in one turn of the
 * event loop goes out as one message (a postMessage costs more than the work of a small call).
 * `Remote` is what the other side serves, `Local` what this side serves; a handler may return a
 * value or a promise. The events of one message are delivered before its results.
 */
export class ThreadLink<Remote extends Methods, Local extends Methods = Methods> {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private packet: Packet = { calls: [], results: [], events: [] };
  private scheduled = false;
  private handlers: Partial<Local> = {};
  private readonly listeners = new Map<string, (payload: never) => void>();
  private closed: Error | undefined;
  private readonly onMessage = (p: Packet) => this.receive(p);

  constructor(private readonly endpoint: Endpoint) {
    endpoint.on('message', this.onMessage);
  }

  serve(handlers: Local): void {
    this.handlers = handlers;
  }

  /** One listener per event name. */
  on<T>(event: string, listener: (payload: T) => void): void {
    this.listeners.set(event, listener as (payload: never) => void);
  }

  call<K extends keyof Remote & string>(method: K, ...args: Parameters<Remote[K]>): Promise<Awaited<ReturnType<Remote[K]>>> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.queue().calls.push([id, method, args]);
    });
  }

  emit(event: string, payload: unknown): void {
    this.queue().events.push([event, payload]);
  }

  /** The other side is gone: every call waiting for it, and every later one, fails with `reason`. */
  fail(reason: Error): void {
    this.closed ??= reason;
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
    this.endpoint.off('message', this.onMessage);
  }

  private queue(): Packet {
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return this.packet;
  }

  private flush(): void {
    this.scheduled = false;
    const p = this.packet;
    this.packet = { calls: [], results: [], events: [] };
    if (this.closed) return;
    try {
      this.endpoint.postMessage(p);
    } catch {
      this.postOneByOne(p); // something in it cannot be cloned: only that item may fail
    }
  }

  /** Each item alone; one that cannot cross fails its own call (or is answered with the error). */
  private postOneByOne(p: Packet): void {
    const post = (one: Partial<Packet>) => this.endpoint.postMessage({ calls: [], results: [], events: [], ...one });
    for (const e of p.events) {
      try {
        post({ events: [e] });
      } catch {
        // an event that cannot cross is dropped (events are notifications, not answers)
      }
    }
    for (const r of p.results) {
      try {
        post({ results: [r] });
      } catch (e) {
        post({ results: [[r[0], false, toWire(e)]] });
      }
    }
    for (const c of p.calls) {
      try {
        post({ calls: [c] });
      } catch (e) {
        this.pending.get(c[0])?.reject(e);
        this.pending.delete(c[0]);
      }
    }
  }

  private receive(p: Packet): void {
    for (const [name, payload] of p.events) this.listeners.get(name)?.(payload as never);
    for (const [id, ok, value] of p.results) {
      const waiting = this.pending.get(id);
      if (!waiting) continue;
      this.pending.delete(id);
      if (ok) waiting.resolve(value);
      else waiting.reject(fromWire(value as WireError));
    }
    for (const [id, method, args] of p.calls) this.answer(id, method, args);
  }

  private answer(id: number, method: string, args: unknown[]): void {
    const settle = (ok: boolean, value: unknown): void => {
      this.queue().results.push([id, ok, ok ? value : toWire(value)]);
    };
    const handler = this.handlers[method] as ((...a: unknown[]) => unknown) | undefined;
    if (!handler) return settle(false, new Error(`no method ${method} on the other thread`));
    try {
      Promise.resolve(handler(...args)).then((v) => settle(true, v), (e: unknown) => settle(false, e));
    } catch (e) {
      settle(false, e);
    }
  }
}
