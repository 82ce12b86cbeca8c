/**
 * A lean SMPP 3.4 peer for the benchmarks' load side: just the PDUs a load generator needs, encoded
 * and framed by hand, every PDU of one event-loop turn written in one socket write. Both loops of
 * the SMPP bench are driven with it (our server mode by a client, Kannel's bearerbox by an SMSC),
 * so the load side costs both loops the same small share of the machine's two cores.
 */
import type { Socket } from 'node:net';

export const CMD = {
  generic_nack: 0x80000000,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
} as const;

export interface RawPdu {
  readonly id: number;
  readonly status: number;
  readonly seq: number;
  readonly body: Buffer;
}

/** One PDU with a body made of C-octet strings (string) and single octets (number). */
export function encode(id: number, status: number, seq: number, fields: ReadonlyArray<string | number | Buffer>): Buffer {
  let length = 16;
  for (const f of fields) length += typeof f === 'number' ? 1 : typeof f === 'string' ? Buffer.byteLength(f, 'latin1') + 1 : f.length;
  const b = Buffer.allocUnsafe(length);
  b.writeUInt32BE(length, 0);
  b.writeUInt32BE(id >>> 0, 4);
  b.writeUInt32BE(status >>> 0, 8);
  b.writeUInt32BE(seq >>> 0, 12);
  let at = 16;
  for (const f of fields) {
    if (typeof f === 'number') b[at++] = f;
    else if (typeof f === 'string') {
      at += b.write(f, at, 'latin1');
      b[at++] = 0;
    } else at += f.copy(b, at);
  }
  return b;
}

/** submit_sm or deliver_sm carrying `text` (GSM default alphabet, ASCII range) in short_message. */
export function encodeSm(id: number, seq: number, from: string, fromTon: number, to: string, text: string): Buffer {
  const sm = Buffer.from(text, 'latin1');
  return encode(id, 0, seq, ['', fromTon, 1, from, 0, 1, to, 0, 0, 0, '', '', 0, 0, 0, 0, sm.length, sm]);
}

/** Splits a byte stream into PDUs. */
export class Framer {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer, onPdu: (pdu: RawPdu) => void): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= 16) {
      const length = buf.readUInt32BE(0);
      if (length < 16) throw new Error(`bad PDU length ${length}`);
      if (buf.length < length) break;
      onPdu({ id: buf.readUInt32BE(4), status: buf.readUInt32BE(8), seq: buf.readUInt32BE(12), body: buf.subarray(16, length) });
      buf = buf.subarray(length);
    }
    this.pending = buf.length ? Buffer.from(buf) : Buffer.alloc(0);
  }
}

/** Collects the PDUs of one event-loop turn and writes them in one call. */
export class Writer {
  private out: Buffer[] = [];
  private scheduled = false;

  constructor(private readonly socket: Socket) {}

  write(pdu: Buffer): void {
    this.out.push(pdu);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const all = this.out;
      this.out = [];
      if (!this.socket.destroyed) this.socket.write(all.length === 1 ? all[0]! : Buffer.concat(all));
    });
  }
}

/** The C-octet string starting at `at` of a PDU body, and where the next field starts. */
export function cstring(body: Buffer, at: number): [string, number] {
  const end = body.indexOf(0, at);
  const stop = end < 0 ? body.length : end;
  return [body.toString('latin1', at, stop), stop + 1];
}
