import { STATUS, statusName } from './smpp-status.js';
import { encodePdu, type Pdu, type RawSession, writePdu } from './smpp-wire.js';

/** The session ended (or was never writable): the request did not reach the peer, or its answer is lost. */
export class SmppClosedError extends Error {
  override readonly name = 'SmppClosedError';
}

/** No response within the response timeout: the peer may or may not have acted on it. */
export class SmppTimeoutError extends Error {
  override readonly name = 'SmppTimeoutError';
  constructor(readonly command: string, readonly ms: number) {
    super(`${command}: no response within ${ms} ms`);
  }
}

/** The peer answered with an error command_status. */
export class SmppStatusError extends Error {
  override readonly name = 'SmppStatusError';
  constructor(readonly command: string, readonly status: number) {
    super(`${command}: ${statusName(status)}`);
  }
}

export interface SessionOptions {
  /** Requests outstanding at once (binds, enquire_link and unbind do not count). */
  readonly window: number;
  readonly responseTimeoutMs: number;
  /** Period of our enquire_link once supervised; 0 = none. */
  readonly enquireLinkMs: number;
  /** Most requests per second; 0 = no pacing. */
  readonly throughput?: number;
}

interface Pending {
  readonly command: string;
  readonly resolve: (pdu: Pdu) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
  readonly windowed: boolean;
}

let sessions = 0;

/**
 * One SMPP session over one socket: our own request/response matching with deadlines, a window
 * of outstanding requests with pacing and throttle pauses, enquire_link supervision, and the
 * housekeeping PDUs (enquire_link, unbind, unknown commands). Any error of the package (a
 * malformed or oversize PDU leaves it stuck, research §1.5) destroys the session: its owner
 * starts a new one. Every pending request is rejected when it ends.
 */
export class SmppSession {
  readonly id = ++sessions;
  /** Inbound requests other than the housekeeping ones (bind_*, submit_sm, deliver_sm, ...). */
  onRequest: (pdu: Pdu) => void = (pdu) => this.respond(pdu, STATUS.INVCMDID);
  readonly closed: Promise<string>;
  private ended: string | undefined;
  private endClosed!: (reason: string) => void;
  private sequence = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: Array<{ go: () => void; fail: (e: Error) => void }> = [];
  private inFlight = 0;
  private notBefore = 0;
  private pumpTimer: NodeJS.Timeout | undefined;
  private supervisor: NodeJS.Timeout | undefined;
  private corked = false;

  constructor(
    private readonly raw: RawSession,
    private readonly opts: SessionOptions,
  ) {
    this.closed = new Promise((resolve) => (this.endClosed = resolve));
    raw.on('pdu', (pdu: Pdu) => this.receive(pdu));
    raw.on('error', (e: Error) => this.destroy(`error: ${e.message}`));
    raw.on('close', () => this.end('closed by peer'));
  }

  get isOpen(): boolean {
    return this.ended === undefined;
  }

  /** Resolves once the TCP connection is up; rejects when it fails or takes longer than the response timeout. */
  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.destroy('connect timeout');
        reject(new SmppTimeoutError('connect', this.opts.responseTimeoutMs));
      }, this.opts.responseTimeoutMs);
      this.raw.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      void this.closed.then((reason) => {
        clearTimeout(timer);
        reject(new SmppClosedError(reason));
      });
    });
  }

  /**
   * Sends a request and resolves with its response, whatever its command_status (a generic_nack
   * rejects). `windowed` requests wait for a free slot of the window and for the pacing.
   */
  request(command: string, params: Record<string, unknown> = {}, windowed = true): Promise<Pdu> {
    if (this.ended !== undefined) return Promise.reject(new SmppClosedError(this.ended));
    if (!windowed) return this.transmit(command, params, false);
    if (this.queue.length === 0 && this.inFlight < this.opts.window && !this.pumpTimer && this.paced()) {
      this.inFlight++; // a free slot now: no queueing
      return this.transmit(command, params, true);
    }
    return new Promise<void>((go, fail) => {
      this.queue.push({ go, fail });
      this.pump();
    }).then(() => this.transmit(command, params, true));
  }

  /** Answers a request; false when the socket is gone (the peer will redeliver). */
  respond(pdu: Pdu, status: number = STATUS.OK, params: Record<string, unknown> = {}): boolean {
    let octets: Buffer;
    const command = pdu.command === 'unknown' ? 'generic_nack' : `${pdu.command}_resp`;
    try {
      octets = encodePdu(command, params, pdu.sequence_number, status);
    } catch {
      octets = encodePdu('generic_nack', {}, pdu.sequence_number, status);
    }
    try {
      return this.send(octets);
    } catch {
      return false;
    }
  }

  /**
   * Writes a PDU. Every PDU of one turn of the event loop leaves in one write (the socket is
   * corked until the next tick): one system call for a burst of responses and replies.
   */
  private send(octets: Buffer): boolean {
    if (!this.corked) {
      this.corked = true;
      this.raw.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.raw.socket.uncork();
      });
    }
    return writePdu(this.raw, octets);
  }

  /** The peer said it is overloaded: send nothing more for `ms`. */
  pauseFor(ms: number): void {
    this.notBefore = Math.max(this.notBefore, Date.now() + ms);
  }

  /** Starts our enquire_link: a link that leaves one unanswered is torn down. */
  supervise(): void {
    if (this.opts.enquireLinkMs <= 0 || this.supervisor) return;
    this.supervisor = setInterval(() => {
      this.request('enquire_link', {}, false).catch((e: unknown) => {
        if (e instanceof SmppTimeoutError) this.destroy('enquire_link unanswered');
      });
    }, this.opts.enquireLinkMs);
    this.supervisor.unref();
  }

  /** unbind, then close; waits at most `maxWaitMs` for the peer's unbind_resp. */
  async unbind(maxWaitMs = 2_000): Promise<void> {
    if (this.ended !== undefined) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.request('unbind', {}, false).catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, Math.min(maxWaitMs, this.opts.responseTimeoutMs)))),
    ]);
    clearTimeout(timer);
    this.close();
  }

  /** Ends the socket after what was written is flushed. */
  close(): void {
    this.raw.close();
    const t = setTimeout(() => this.destroy('closed'), 1_000);
    t.unref();
  }

  destroy(reason: string): void {
    this.raw.destroy();
    this.end(reason);
  }

  private transmit(command: string, params: Record<string, unknown>, windowed: boolean): Promise<Pdu> {
    return new Promise<Pdu>((resolve, reject) => {
      const fail = (e: Error) => {
        if (windowed) this.release();
        reject(e);
      };
      if (this.ended !== undefined) return fail(new SmppClosedError(this.ended));
      this.sequence = this.sequence >= 0x7fffffff ? 1 : this.sequence + 1;
      const seq = this.sequence;
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        fail(new SmppTimeoutError(command, this.opts.responseTimeoutMs));
      }, this.opts.responseTimeoutMs);
      timer.unref();
      this.pending.set(seq, { command, resolve, reject, timer, windowed });
      let written = false;
      try {
        written = this.send(encodePdu(command, params, seq));
      } catch (e) {
        this.settle(seq);
        return fail(e instanceof Error ? e : new Error(String(e)));
      }
      if (!written) {
        this.settle(seq);
        fail(new SmppClosedError('socket not writable'));
      }
    });
  }

  private settle(seq: number): Pending | undefined {
    const p = this.pending.get(seq);
    if (!p) return undefined;
    this.pending.delete(seq);
    clearTimeout(p.timer);
    if (p.windowed) this.release();
    return p;
  }

  private receive(pdu: Pdu): void {
    if (pdu.isResponse()) {
      const p = this.settle(pdu.sequence_number);
      if (!p) return; // late (timed out) or never ours
      if (pdu.command === 'generic_nack') p.reject(new SmppStatusError(p.command, pdu.command_status));
      else p.resolve(pdu);
      return;
    }
    if (pdu.command === 'enquire_link') this.respond(pdu);
    else if (pdu.command === 'unbind') {
      this.respond(pdu);
      this.close();
    } else if (pdu.command === 'unknown') this.respond(pdu, STATUS.INVCMDID);
    else this.onRequest(pdu);
  }

  private release(): void {
    this.inFlight--;
    this.pump();
  }

  /** No pause or pacing holds the next request back (and the pacing slot is taken). */
  private paced(): boolean {
    if (this.notBefore > Date.now()) return false;
    const tps = this.opts.throughput ?? 0;
    if (tps > 0) this.notBefore = Math.max(this.notBefore, Date.now()) + 1000 / tps;
    return true;
  }

  /** Starts queued requests while the window has room and pacing allows. */
  private pump(): void {
    if (this.pumpTimer) return;
    while (this.queue.length > 0 && this.inFlight < this.opts.window) {
      const wait = this.notBefore - Date.now();
      if (wait > 0) {
        this.pumpTimer = setTimeout(() => {
          this.pumpTimer = undefined;
          this.pump();
        }, wait);
        this.pumpTimer.unref();
        return;
      }
      this.paced();
      this.inFlight++;
      this.queue.shift()!.go();
    }
  }

  private end(reason: string): void {
    if (this.ended !== undefined) return;
    this.ended = reason;
    clearInterval(this.supervisor);
    clearTimeout(this.pumpTimer);
    for (const [seq, p] of this.pending) {
      this.pending.delete(seq);
      clearTimeout(p.timer);
      p.reject(new SmppClosedError(reason));
    }
    for (const q of this.queue.splice(0)) q.fail(new SmppClosedError(reason));
    this.endClosed(reason);
  }
}
