import type { AddressInfo } from 'node:net';
import smpp from 'smpp';
import '../../../src/channels/smpp/smpp-wire.js'; // short_message as raw octets, as in production
import { decodeText } from '../../../src/channels/smpp/codec.js';
import { encodeGsm7 } from '../../../src/channels/smpp/gsm7.js';
import { readUdh, type ConcatInfo } from '../../../src/channels/smpp/udh.js';

/**
 * An SMSC on 127.0.0.1 built on the `smpp` package's server, named for how it misbehaves. It
 * queues mobile-originated messages and pushes them as deliver_sm to the bound ESME, again on
 * every new bind until one is acknowledged (as a real SMSC redelivers); it accepts submit_sm with
 * decimal message ids and, when asked, sends a delivery receipt for each. Ordinals (`[3]`) count
 * from 1 over the whole run.
 */
export interface SmscBehaviour {
  readonly systemId?: string;
  readonly password?: string;
  /** Drops the link mid-stream: destroys the connection instead of answering these submit_sm. */
  readonly dropOnSubmit?: readonly number[];
  /** Drops the link mid-stream: the acknowledgement of these deliver_sm is lost with the link. */
  readonly dropOnDeliverResp?: readonly number[];
  /** Never answers these submit_sm (the link stays up and answers enquire_link). */
  readonly ignoreSubmits?: readonly number[];
  /** Answers these submit_sm with ESME_RTHROTTLED (0x58). */
  readonly throttleSubmits?: readonly number[];
  /** Answers these submit_sm with ESME_RMSGQFUL (0x14). */
  readonly queueFullSubmits?: readonly number[];
  /** After these binds, writes a malformed PDU (command_length 8, or over the 16 KiB maximum). */
  readonly malformedOnBind?: readonly number[];
  readonly malformedKind?: 'short' | 'oversize';
  /** After these binds, answers nothing at all, not even enquire_link. */
  readonly silentOnBind?: readonly number[];
  /** Sends a delivery receipt (TLVs and text) for each accepted submit_sm that asked for one. */
  readonly receipts?: boolean;
}

export interface AcceptedSubmit {
  readonly messageId: string;
  readonly to: string;
  readonly toTon: number;
  readonly dataCoding: number;
  readonly concat: ConcatInfo | null;
  readonly text: string;
}

interface Mo {
  readonly n: number;
  readonly params: Record<string, unknown>;
  acked: boolean;
  on: smpp.Session | undefined;
}

export interface FakeSmsc {
  readonly port: number;
  readonly binds: number;
  readonly submitsSeen: number;
  /** deliver_sm pushed (messages, not receipts), redeliveries included. */
  readonly delivers: number;
  readonly accepted: readonly AcceptedSubmit[];
  readonly bindStatuses: readonly number[];
  /** Queues a message from a phone; `parts` splits it with UDH or SAR TLVs into 153-character parts. */
  mo(from: string, text: string, o?: { to?: string; ton?: number; parts?: 'udh' | 'sar'; dataCoding?: number; esmClass?: number; body?: Buffer }): void;
  /** Messages not acknowledged yet. */
  readonly unacked: number;
  /** Accepted submits joined into messages: one per reply, parts in order. */
  replies(): Array<{ to: string; text: string }>;
  close(): Promise<void>;
}

const has = (list: readonly number[] | undefined, n: number) => list?.includes(n) ?? false;

export async function fakeSmsc(b: SmscBehaviour = {}): Promise<FakeSmsc> {
  const mos: Mo[] = [];
  const accepted: AcceptedSubmit[] = [];
  const bindStatuses: number[] = [];
  let binds = 0;
  let submits = 0;
  let delivers = 0;
  let nextId = 1000;
  let ref = 0x40;
  let current: smpp.Session | undefined;
  const silent = new WeakSet<smpp.Session>();
  /** Sessions being dropped: everything written before goes out (FIN, not RST), nothing more is read. */
  const dropped = new WeakSet<smpp.Session>();
  const drop = (s: smpp.Session) => {
    dropped.add(s);
    s.close();
  };

  const push = (s: smpp.Session) => {
    for (const mo of mos) {
      if (mo.acked || mo.on === s) continue;
      mo.on = s;
      const n = ++delivers;
      s.send(new smpp.PDU('deliver_sm', mo.params), (resp) => {
        if (has(b.dropOnDeliverResp, n)) return drop(s);
        if (resp.command_status === 0) mo.acked = true;
        else setTimeout(() => (mo.on = undefined, current && push(current)), 50);
      });
    }
  };

  const receipt = (s: smpp.Session, id: string, to: string) => {
    const ts = '2611220300';
    s.send(new smpp.PDU('deliver_sm', {
      source_addr: to, source_addr_ton: 1, source_addr_npi: 1, destination_addr: '9999', esm_class: 0x04, data_coding: 0,
      short_message: Buffer.from(`id:${id} sub:001 dlvrd:001 submit date:${ts} done date:${ts} stat:DELIVRD err:000 text:`),
      receipted_message_id: id, message_state: 2,
    }));
  };

  const server = smpp.createServer((s) => {
    s.on('error', () => s.destroy());
    s.on('close', () => {
      for (const mo of mos) if (mo.on === s) mo.on = undefined;
      if (current === s) current = undefined;
    });
    s.on('pdu', (pdu: smpp.PDU) => {
      if (silent.has(s) || dropped.has(s)) return;
      switch (pdu.command) {
        case 'bind_transceiver':
        case 'bind_transmitter':
        case 'bind_receiver': {
          const n = ++binds;
          const ok = pdu['system_id'] === (b.systemId ?? 'pulsagate') && pdu['password'] === (b.password ?? 'secret');
          const status = ok ? 0 : 0x0e;
          bindStatuses.push(status);
          s.send(pdu.response({ command_status: status, system_id: 'FAKESMSC' }));
          if (!ok) return void s.close();
          if (pdu.command !== 'bind_transmitter') current = s;
          if (has(b.silentOnBind, n)) silent.add(s);
          else if (has(b.malformedOnBind, n)) {
            const bad = b.malformedKind === 'oversize' ? [0x00, 0xff, 0xff, 0xff, 0, 0, 0, 5] : [0, 0, 0, 8, 0, 0, 0, 5];
            s.socket.write(Buffer.from(bad));
          } else if (current === s) push(s);
          return;
        }
        case 'enquire_link':
          return void s.send(pdu.response());
        case 'unbind':
          s.send(pdu.response());
          return void s.close();
        case 'submit_sm': {
          const n = ++submits;
          if (has(b.dropOnSubmit, n)) return drop(s);
          if (has(b.ignoreSubmits, n)) return;
          if (has(b.throttleSubmits, n)) return void s.send(pdu.response({ command_status: 0x58 }));
          if (has(b.queueFullSubmits, n)) return void s.send(pdu.response({ command_status: 0x14 }));
          const id = String(nextId++);
          const sm = pdu['short_message'] as Buffer;
          const { concat, body } = (pdu['esm_class'] as number) & 0x40 ? readUdh(sm) : { concat: null, body: sm };
          const to = pdu['destination_addr'] as string;
          if (!s.send(pdu.response({ message_id: id }))) return;
          accepted.push({ messageId: id, to, toTon: pdu['dest_addr_ton'] as number, dataCoding: pdu['data_coding'] as number, concat, text: decodeText(body, pdu['data_coding'] as number) });
          if (b.receipts && ((pdu['registered_delivery'] as number) & 1)) setImmediate(() => receipt(s, id, to));
          return;
        }
        default:
          if (!pdu.isResponse()) s.send(pdu.response({ command_status: 0x03 }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    get binds() {
      return binds;
    },
    get submitsSeen() {
      return submits;
    },
    get delivers() {
      return delivers;
    },
    accepted,
    bindStatuses,
    get unacked() {
      return mos.filter((m) => !m.acked).length;
    },
    mo(from, text, o = {}) {
      const base = {
        source_addr: from, source_addr_ton: o.ton ?? (from.startsWith('62') ? 1 : 2), source_addr_npi: 1,
        destination_addr: o.to ?? '9999', dest_addr_ton: 0, dest_addr_npi: 1,
      };
      const bytes = o.body ?? encodeGsm7(text)!;
      const dataCoding = o.dataCoding ?? 0;
      if (!o.parts) {
        const params = { ...base, esm_class: o.esmClass ?? 0, data_coding: dataCoding, short_message: bytes };
        mos.push({ n: mos.length + 1, params, acked: false, on: undefined });
      } else {
        const chunks: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += 153) chunks.push(bytes.subarray(i, i + 153));
        const r = ++ref;
        chunks.forEach((c, i) => {
          const params = o.parts === 'udh'
            ? { ...base, esm_class: 0x40, data_coding: dataCoding, short_message: Buffer.concat([Buffer.from([5, 0, 3, r, chunks.length, i + 1]), c]) }
            : { ...base, data_coding: dataCoding, short_message: c, sar_msg_ref_num: r, sar_total_segments: chunks.length, sar_segment_seqnum: i + 1 };
          mos.push({ n: mos.length + 1, params, acked: false, on: undefined });
        });
      }
      if (current) push(current);
    },
    replies() {
      const out: Array<{ to: string; text: string }> = [];
      const groups = new Map<string, AcceptedSubmit[]>();
      for (const a of accepted) {
        if (!a.concat) out.push({ to: a.to, text: a.text });
        else {
          const key = `${a.to}/${a.concat.ref}`;
          groups.set(key, [...(groups.get(key) ?? []), a]);
        }
      }
      for (const parts of groups.values()) {
        out.push({ to: parts[0]!.to, text: [...parts].sort((x, y) => x.concat!.seq - y.concat!.seq).map((p) => p.text).join('') });
      }
      return out;
    },
    async close() {
      for (const s of server.sessions) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
