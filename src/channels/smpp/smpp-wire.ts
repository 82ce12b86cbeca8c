import smpp from 'smpp';

/**
 * The one file that imports npm `smpp`: we use it as a PDU codec and socket framer only
 * (shared/research/smpp-gateways.md §0). Sessions, timeouts, windows and reconnects are ours.
 *
 * Its text handling labels GSM bytes as IA5 and mis-decodes IA5 (research §1.3), so the
 * `short_message` and `message_payload` filters are replaced, once, by raw pass-through: our code
 * always sends a Buffer with an explicit data_coding and decodes what arrives itself (codec.ts).
 */
const RAW: smpp.Filter = { encode: (v) => v, decode: (v) => v };
for (const command of Object.values(smpp.commands)) {
  const sm = command.params?.short_message;
  if (sm) sm.filter = RAW;
}
const payload = smpp.tlvs.message_payload;
if (payload) payload.filter = RAW;

export type RawSession = smpp.Session;
export type RawServer = smpp.SmppServer;
export type Pdu = smpp.PDU;

/** A new TCP connection and a NEW session (the package's `session.connect()` reconnect is broken). */
export const connectRaw = (host: string, port: number): RawSession => smpp.connect({ host, port });

export const createRawServer = (onSession: (session: RawSession) => void): RawServer => smpp.createServer(onSession);

/** The mandatory parameters of submit_sm and deliver_sm (SMPP 3.4 §4.4.1, §4.6.1): encodeSm writes them in this order. */
const SM_KEYS = new Set<string>([
  'service_type', 'source_addr_ton', 'source_addr_npi', 'source_addr', 'dest_addr_ton', 'dest_addr_npi', 'destination_addr',
  'esm_class', 'protocol_id', 'priority_flag', 'schedule_delivery_time', 'validity_period', 'registered_delivery',
  'replace_if_present_flag', 'data_coding', 'sm_default_msg_id', 'short_message', 'sequence_number',
]);
const SM_IDS: Record<string, number> = { submit_sm: 0x00000004, deliver_sm: 0x00000005 };
/** Responses whose body is message_id alone, and those with no body. */
const ID_RESPONSES: Record<string, number> = { submit_sm_resp: 0x80000004, deliver_sm_resp: 0x80000005 };
const BARE_RESPONSES: Record<string, number> = { enquire_link_resp: 0x80000015, unbind_resp: 0x80000006, generic_nack: 0x80000000 };

const ascii = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The octets of a PDU. The PDUs of the message path (submit_sm and deliver_sm with no TLV, and
 * their responses) are written here directly, byte for byte what the package writes (a test
 * compares them) at a small part of its cost; every other PDU goes through the package.
 */
export function encodePdu(command: string, params: Record<string, unknown>): Buffer {
  const seq = typeof params.sequence_number === 'number' ? params.sequence_number : 0;
  const status = typeof params.command_status === 'number' ? params.command_status : 0;
  const sm = SM_IDS[command];
  if (sm !== undefined && Buffer.isBuffer(params.short_message) && Object.keys(params).every((k) => SM_KEYS.has(k))) {
    return encodeSm(sm, seq, params);
  }
  const bare = BARE_RESPONSES[command] ?? (status !== 0 ? ID_RESPONSES[command] : undefined);
  if (bare !== undefined) return header(bare, status, seq, 16);
  const withId = ID_RESPONSES[command];
  if (withId !== undefined && Object.keys(params).every((k) => k === 'message_id' || k === 'sequence_number' || k === 'command_status')) {
    const id = ascii(params.message_id);
    const b = header(withId, 0, seq, 17 + id.length);
    cstr(b, 16, id);
    return b;
  }
  return new smpp.PDU(command, params).toBuffer();
}

function header(id: number, status: number, seq: number, length: number): Buffer {
  const b = Buffer.allocUnsafe(length); // every octet is written by the caller
  b.writeUInt32BE(length, 0);
  b.writeUInt32BE(id >>> 0, 4);
  b.writeUInt32BE(status >>> 0, 8);
  b.writeUInt32BE(seq >>> 0, 12);
  return b;
}

/** A C-Octet String at `at` (one octet per character, as Buffer's 'ascii' writes); returns where the next field starts. */
function cstr(b: Buffer, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[at++] = s.charCodeAt(i) & 0xff;
  b[at++] = 0;
  return at;
}

/** An octet field as the package writes it: a number, or what Number() makes of it ('1', true), else 0. */
const octet = (v: unknown): number => {
  const n = typeof v === 'number' ? v : Number(v ?? 0);
  return Number.isFinite(n) ? n & 0xff : 0;
};

/** submit_sm or deliver_sm: its mandatory fields, in order. */
function encodeSm(id: number, seq: number, p: Record<string, unknown>): Buffer {
  const message = p.short_message as Buffer;
  const service = ascii(p.service_type);
  const source = ascii(p.source_addr);
  const dest = ascii(p.destination_addr);
  const schedule = ascii(p.schedule_delivery_time);
  const validity = ascii(p.validity_period);
  const length = 16 + 12 + service.length + source.length + dest.length + schedule.length + validity.length + 5 + message.length;
  const b = header(id, 0, seq, length);
  let at = cstr(b, 16, service);
  b[at++] = octet(p.source_addr_ton);
  b[at++] = octet(p.source_addr_npi);
  at = cstr(b, at, source);
  b[at++] = octet(p.dest_addr_ton);
  b[at++] = octet(p.dest_addr_npi);
  at = cstr(b, at, dest);
  b[at++] = octet(p.esm_class);
  b[at++] = octet(p.protocol_id);
  b[at++] = octet(p.priority_flag);
  at = cstr(b, at, schedule);
  at = cstr(b, at, validity);
  b[at++] = octet(p.registered_delivery);
  b[at++] = octet(p.replace_if_present_flag);
  b[at++] = octet(p.data_coding);
  b[at++] = octet(p.sm_default_msg_id);
  b[at++] = message.length;
  message.copy(b, at);
  return b;
}

/**
 * Writes a PDU's octets on the session's socket; false when the socket is not writable (nothing
 * was written). Like the package's `send`, it never throws for a closed socket.
 */
export function writePdu(session: RawSession, octets: Buffer): boolean {
  if (!session.socket.writable) return false;
  session.socket.write(octets);
  return true;
}

/** A C-Octet String parameter, '' when absent. */
export const str = (pdu: Pdu, key: string): string => (typeof pdu[key] === 'string' ? (pdu[key] as string) : '');
/** An integer parameter or TLV; undefined when absent. */
export const int = (pdu: Pdu, key: string): number | undefined => (typeof pdu[key] === 'number' ? (pdu[key] as number) : undefined);
/** An octet parameter or TLV (raw: our filters never decode). */
export const octets = (pdu: Pdu, key: string): Buffer | undefined => (Buffer.isBuffer(pdu[key]) ? (pdu[key] as Buffer) : undefined);
