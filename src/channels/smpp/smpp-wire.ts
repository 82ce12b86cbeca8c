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

export const newPdu = (command: string, params: Record<string, unknown> = {}): Pdu => new smpp.PDU(command, params);

/** A C-Octet String parameter, '' when absent. */
export const str = (pdu: Pdu, key: string): string => (typeof pdu[key] === 'string' ? (pdu[key] as string) : '');
/** An integer parameter or TLV; undefined when absent. */
export const int = (pdu: Pdu, key: string): number | undefined => (typeof pdu[key] === 'number' ? (pdu[key] as number) : undefined);
/** An octet parameter or TLV (raw: our filters never decode). */
export const octets = (pdu: Pdu, key: string): Buffer | undefined => (Buffer.isBuffer(pdu[key]) ? (pdu[key] as Buffer) : undefined);
