import smpp from 'smpp';

/**
 * The one file that imports npm `smpp`: we use its sockets, its parameter definitions and, for
 * the PDUs off the message path, its codec (shared/research/smpp-gateways.md §0). Sessions,
 * timeouts, windows and reconnects are ours, and so are the framer and the message-path codec
 * below (tested against the package's octets and objects).
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

/** A command's mandatory parameters in wire order, with the package's own readers and filters. */
type ParamDef = { readonly key: string; readonly type: smpp.ParamType; readonly filter: smpp.Filter | undefined };
const COMMANDS = new Map<number, { readonly command: string; readonly params: readonly ParamDef[] }>(
  Object.entries(smpp.commands).map(([command, def]) => [
    def.id,
    { command, params: Object.entries(def.params ?? {}).map(([key, p]) => ({ key, type: p.type, filter: p.filter })) },
  ]),
);

/**
 * A PDU read from its octets: the object the package's `new PDU(octets)` makes (a test compares
 * them), built from a precompiled parameter list instead of its per-PDU `for…in` walks, ~4 times
 * cheaper. A PDU with TLVs, or of a command the package does not know, is read by the package.
 */
export function decodePdu(octets: Buffer): Pdu {
  const id = octets.readUInt32BE(4);
  const def = COMMANDS.get(id);
  if (!def) return new smpp.PDU(octets);
  // A submit_sm or deliver_sm with TLVs, or cut short, is left to the package (read once).
  if (id === SM_IDS.submit_sm || id === SM_IDS.deliver_sm) return readSm(octets, def) ?? new smpp.PDU(octets);
  const pdu = headerOf(octets, def.command);
  const length = octets.readUInt32BE(0);
  let at = 16;
  for (const p of def.params) {
    if (at >= length) break;
    const value = p.type.read(octets, at);
    pdu[p.key] = value;
    at += p.type.size(value);
  }
  if (at + 4 <= length) return new smpp.PDU(octets); // TLVs follow
  for (const p of def.params) if (p.filter && p.key in pdu) pdu[p.key] = p.filter.decode.call(pdu, pdu[p.key]);
  return pdu;
}

/** A new PDU object with the header read, its fields in the package's order. */
function headerOf(octets: Buffer, command: string): Pdu {
  const pdu = Object.create(smpp.PDU.prototype) as Pdu;
  pdu.command_length = octets.readUInt32BE(0);
  pdu.command_id = octets.readUInt32BE(4);
  pdu.command_status = octets.readUInt32BE(8);
  pdu.sequence_number = octets.readUInt32BE(12);
  pdu.command = command;
  return pdu;
}

/** Reads a PDU's fields in turn; `bad` once a field ran past the end of the PDU. */
class FieldCursor {
  bad = false;
  constructor(private readonly o: Buffer, public at: number) {}

  /** A C-Octet String (one character per octet, as the package's 'ascii' reads it). */
  cstr(): string {
    const end = this.at < this.o.length ? this.o.indexOf(0, this.at) : -1;
    if (end < 0) {
      this.bad = true;
      return '';
    }
    const s = this.o.toString('ascii', this.at, end);
    this.at = end + 1;
    return s;
  }

  octet(): number {
    if (this.at >= this.o.length) this.bad = true;
    return this.o[this.at++] ?? 0;
  }
}

/**
 * submit_sm or deliver_sm whose octets are exactly their mandatory fields (no TLV, nothing cut
 * short), read field by field with plain stores; undefined for anything else. The same fields,
 * values and order as the package's.
 */
function readSm(o: Buffer, def: { readonly command: string; readonly params: readonly ParamDef[] }): Pdu | undefined {
  const pdu = headerOf(o, def.command);
  const c = new FieldCursor(o, 16);
  pdu.service_type = c.cstr();
  pdu.source_addr_ton = c.octet();
  pdu.source_addr_npi = c.octet();
  pdu.source_addr = c.cstr();
  pdu.dest_addr_ton = c.octet();
  pdu.dest_addr_npi = c.octet();
  pdu.destination_addr = c.cstr();
  pdu.esm_class = c.octet();
  pdu.protocol_id = c.octet();
  pdu.priority_flag = c.octet();
  pdu.schedule_delivery_time = c.cstr();
  pdu.validity_period = c.cstr();
  pdu.registered_delivery = c.octet();
  pdu.replace_if_present_flag = c.octet();
  pdu.data_coding = c.octet();
  pdu.sm_default_msg_id = c.octet();
  const n = c.octet();
  if (c.bad || c.at + n !== o.length) return undefined; // cut short, or TLVs follow
  pdu.short_message = o.subarray(c.at, c.at + n);
  for (const p of def.params) if (p.filter) pdu[p.key] = p.filter.decode.call(pdu, pdu[p.key]);
  return pdu;
}

type Framing = smpp.Session & {
  paused: boolean;
  _busy: boolean;
  _callbacks: Record<number, ((pdu: Pdu) => void) | undefined>;
  /** Octets read from the socket and not yet a whole PDU. */
  _unread?: Buffer | undefined;
};

/**
 * The package's framer, replaced once for every session: it read each PDU with two `read()`s on
 * the socket and a copy, and stopped for good after a malformed PDU. This one takes whatever the
 * socket holds, cuts the PDUs out of it and reads them with `decodePdu`; the rest of a PDU begun
 * is read in one piece once the socket holds it all (never re-copied per small chunk). It emits
 * what the package emits ('pdu', the command's name, response callbacks) and reads nothing while
 * paused. A length over `PDU.maxLength` or under a header, or a PDU that cannot be read, is an
 * 'error' (our session then resets the link).
 */
smpp.Session.prototype._extractPDUs = function extractPdus(this: Framing): void {
  if (this._busy) return;
  this._busy = true;
  try {
    while (!this.paused) {
      const unread = this._unread;
      if (unread === undefined || unread.length < 4) {
        const chunk = this.socket.read() as Buffer | null; // all it holds
        if (chunk === null) return;
        this._unread = unread && unread.length > 0 ? Buffer.concat([unread, chunk]) : chunk;
        continue;
      }
      const length = unread.readUInt32BE(0);
      if (length > smpp.PDU.maxLength || length < 16) {
        this._unread = undefined;
        this.emit('error', new Error(`PDU length was ${length < 16 ? 'too small' : 'too large'} (${length}, maximum is ${smpp.PDU.maxLength}).`));
        return;
      }
      if (unread.length < length) {
        const rest = this.socket.read(length - unread.length) as Buffer | null; // null until it is all there
        if (rest === null) return;
        this._unread = Buffer.concat([unread, rest]);
        continue;
      }
      this._unread = unread.subarray(length);
      let pdu: Pdu;
      try {
        pdu = decodePdu(unread.subarray(0, length));
      } catch (e) {
        this._unread = undefined;
        this.emit('error', e);
        return;
      }
      this.emit('pdu', pdu);
      this.emit(pdu.command, pdu);
      const callback = pdu.isResponse() ? this._callbacks[pdu.sequence_number] : undefined;
      if (callback) {
        delete this._callbacks[pdu.sequence_number];
        callback(pdu);
      }
    }
  } finally {
    this._busy = false;
  }
};

/** A new TCP connection and a NEW session (the package's `session.connect()` reconnect is broken). */
export const connectRaw = (host: string, port: number): RawSession => smpp.connect({ host, port });

export const createRawServer = (onSession: (session: RawSession) => void): RawServer => smpp.createServer(onSession);

/** The mandatory parameters of submit_sm and deliver_sm (SMPP 3.4 §4.4.1, §4.6.1): encodeSm writes them in this order. */
const SM_KEYS = new Set<string>([
  'service_type', 'source_addr_ton', 'source_addr_npi', 'source_addr', 'dest_addr_ton', 'dest_addr_npi', 'destination_addr',
  'esm_class', 'protocol_id', 'priority_flag', 'schedule_delivery_time', 'validity_period', 'registered_delivery',
  'replace_if_present_flag', 'data_coding', 'sm_default_msg_id', 'short_message',
]);
const SM_IDS: Record<string, number> = { submit_sm: 0x00000004, deliver_sm: 0x00000005 };
/** Responses whose body is message_id alone, and those with no body. */
const ID_RESPONSES: Record<string, number> = { submit_sm_resp: 0x80000004, deliver_sm_resp: 0x80000005 };
const BARE_RESPONSES: Record<string, number> = { enquire_link_resp: 0x80000015, unbind_resp: 0x80000006, generic_nack: 0x80000000 };

const ascii = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Every key of `params` is in `keys` (a loop: no array of keys is made). */
function onlyKeys(params: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const k in params) if (!keys.has(k)) return false;
  return true;
}

const MESSAGE_ID = new Set(['message_id']);

/**
 * The octets of a PDU with sequence number `seq` and status `status`. The PDUs of the message
 * path (submit_sm and deliver_sm with no TLV, and their responses) are written here directly,
 * byte for byte what the package writes (a test compares them) at a small part of its cost;
 * every other PDU goes through the package.
 */
export function encodePdu(command: string, params: Record<string, unknown>, seq: number, status = 0): Buffer {
  const sm = SM_IDS[command];
  if (sm !== undefined && Buffer.isBuffer(params.short_message) && onlyKeys(params, SM_KEYS)) return encodeSm(sm, seq, params);
  const bare = BARE_RESPONSES[command] ?? (status !== 0 ? ID_RESPONSES[command] : undefined);
  if (bare !== undefined) return header(bare, status, seq, 16);
  const withId = ID_RESPONSES[command];
  if (withId !== undefined && onlyKeys(params, MESSAGE_ID)) {
    const id = ascii(params.message_id);
    const b = header(withId, 0, seq, 17 + id.length);
    cstr(b, 16, id);
    return b;
  }
  return new smpp.PDU(command, { ...params, sequence_number: seq, command_status: status }).toBuffer();
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
