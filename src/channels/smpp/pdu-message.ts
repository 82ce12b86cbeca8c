import { normaliseSender } from './addresses.js';
import { decodeText } from './codec.js';
import { int, octets, str, type Pdu } from './smpp-wire.js';
import { ESM_UDHI, readUdh, type ConcatInfo } from './udh.js';

/** A deliver_sm (from an SMSC) or submit_sm (from a client) read as a message. */
export interface PduMessage {
  /** The sender, normalised by its TON (62… for an Indonesian number). */
  readonly sender: string;
  /** The address the sender wrote to (our short code or number). */
  readonly recipient: string;
  readonly text: string;
  /** Set when this is one part of a longer message (UDH or SAR TLVs). */
  readonly concat: ConcatInfo | null;
}

/**
 * Reads the text from short_message, or from message_payload when short_message is empty
 * (SMPP 3.4 §5.3.2.32); a UDH is stripped when esm_class says one is there (§5.2.12), and the
 * concatenation comes from it or from the sar_* TLVs (§5.3.2.22–24).
 */
export function readPduMessage(pdu: Pdu): PduMessage {
  const esm = int(pdu, 'esm_class') ?? 0;
  const short = octets(pdu, 'short_message') ?? Buffer.alloc(0);
  const payload = octets(pdu, 'message_payload');
  const raw = short.length === 0 && payload ? payload : short;
  let body = raw;
  let concat: ConcatInfo | null = null;
  if (esm & ESM_UDHI) ({ concat, body } = readUdh(raw));
  const total = int(pdu, 'sar_total_segments');
  const seq = int(pdu, 'sar_segment_seqnum');
  const ref = int(pdu, 'sar_msg_ref_num');
  if (!concat && total !== undefined && seq !== undefined && ref !== undefined && seq >= 1 && seq <= total) {
    concat = { ref, total, seq };
  }
  return {
    sender: normaliseSender(str(pdu, 'source_addr'), int(pdu, 'source_addr_ton') ?? 0),
    recipient: str(pdu, 'destination_addr'),
    text: decodeText(body, int(pdu, 'data_coding') ?? 0),
    concat: concat && concat.total > 1 ? concat : null,
  };
}
