/**
 * Delivery receipts: a deliver_sm whose esm_class message type (bits 5–2) is SMSC delivery
 * receipt (0x04) or intermediate notification (0x20) (SMPP 3.4 §5.2.12). The TLVs
 * receipted_message_id and message_state win; otherwise the Appendix B text
 * `id:… sub:… dlvrd:… submit date:… done date:… stat:… err:…` is read.
 */
export interface Receipt {
  readonly messageId: string;
  /** DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD or ENROUTE. */
  readonly state: string;
  readonly error: string | null;
}

export const isReceipt = (esmClass: number): boolean => {
  const type = esmClass & 0x3c;
  return type === 0x04 || type === 0x20;
};

/** message_state TLV values (SMPP 3.4 §5.2.28) as the receipt text spells them. */
const STATES = ['', 'ENROUTE', 'DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD'];

/** Message ids compared the way both sides may write them: trimmed, lower case, no leading zeros. */
export function normaliseMessageId(id: string): string {
  const t = id.trim().toLowerCase();
  const stripped = t.replace(/^0+(?=.)/, '');
  return stripped;
}

export function parseReceipt(r: { receiptedMessageId?: string; messageState?: number | undefined; text: string }): Receipt | null {
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S*)`, 'i').exec(r.text)?.[1];
  const id = r.receiptedMessageId || field('id');
  if (!id) return null;
  const fromTlv = r.messageState !== undefined ? STATES[r.messageState] : undefined;
  const state = (fromTlv || field('stat') || 'UNKNOWN').toUpperCase();
  const err = field('err');
  return { messageId: normaliseMessageId(id), state, error: err && !/^0+$/.test(err) ? err : null };
}
