import smpp from 'smpp';
import '../../../src/channels/smpp/smpp-wire.js'; // short_message as raw octets, as in production
import { decodeText } from '../../../src/channels/smpp/codec.js';
import { encodeGsm7 } from '../../../src/channels/smpp/gsm7.js';
import { readUdh, type ConcatInfo } from '../../../src/channels/smpp/udh.js';

export interface Delivered {
  readonly from: string;
  readonly to: string;
  readonly toTon: number;
  readonly dataCoding: number;
  readonly concat: ConcatInfo | null;
  readonly text: string;
}

/**
 * A machine client of our server mode, on the `smpp` package's own client session: binds,
 * submits, and records every deliver_sm it gets (acknowledging it unless told not to).
 */
export interface TestEsme {
  readonly session: smpp.Session;
  readonly delivered: Delivered[];
  /** Answer deliver_sm (true) or leave them unanswered. */
  answer: boolean;
  request(command: string, params?: Record<string, unknown>): Promise<smpp.PDU>;
  bind(as: 'transceiver' | 'transmitter' | 'receiver', systemId: string, password: string): Promise<number>;
  submit(from: string, text: string, extra?: Record<string, unknown>): Promise<smpp.PDU>;
  /** Replies joined per (recipient, reference). */
  replies(): Array<{ to: string; text: string }>;
  readonly closed: Promise<void>;
  close(): void;
}

export async function testEsme(port: number): Promise<TestEsme> {
  const session = smpp.connect({ host: '127.0.0.1', port });
  session.on('error', () => {});
  const closed = new Promise<void>((resolve) => session.on('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    session.once('connect', () => resolve());
    session.once('error', reject);
  });
  const delivered: Delivered[] = [];
  const esme: TestEsme = {
    session, delivered, answer: true, closed,
    request: (command, params = {}) =>
      new Promise((resolve, reject) => {
        if (!session.send(new smpp.PDU(command, params), resolve)) reject(new Error('not writable'));
      }),
    bind: async (as, systemId, password) => (await esme.request(`bind_${as}`, { system_id: systemId, password, interface_version: 0x34 })).command_status,
    submit: (from, text, extra = {}) =>
      esme.request('submit_sm', {
        source_addr: from, source_addr_ton: from.startsWith('62') ? 1 : 2, source_addr_npi: 1, destination_addr: '9999',
        data_coding: 0, short_message: encodeGsm7(text), ...extra,
      }),
    replies() {
      const out: Array<{ to: string; text: string }> = [];
      const groups = new Map<string, Delivered[]>();
      for (const d of delivered) {
        if (!d.concat) out.push({ to: d.to, text: d.text });
        else groups.set(`${d.to}/${d.concat.ref}`, [...(groups.get(`${d.to}/${d.concat.ref}`) ?? []), d]);
      }
      for (const parts of groups.values()) {
        out.push({ to: parts[0]!.to, text: parts.sort((a, b) => a.concat!.seq - b.concat!.seq).map((p) => p.text).join('') });
      }
      return out;
    },
    close: () => session.destroy(),
  };
  session.on('deliver_sm', (pdu: smpp.PDU) => {
    if (!esme.answer) return;
    const sm = pdu['short_message'] as Buffer;
    const { concat, body } = (pdu['esm_class'] as number) & 0x40 ? readUdh(sm) : { concat: null, body: sm };
    delivered.push({
      from: pdu['source_addr'] as string, to: pdu['destination_addr'] as string, toTon: pdu['dest_addr_ton'] as number,
      dataCoding: pdu['data_coding'] as number, concat, text: decodeText(body, pdu['data_coding'] as number),
    });
    session.send(pdu.response());
  });
  session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
  return esme;
}
