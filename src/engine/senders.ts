import { normalizeMsisdn } from '../domain/msisdn.js';

/**
 * A registered sender is an address: a phone number in 62… form (SMS, WhatsApp, HTTP), or a
 * channel-scoped id such as `tg:123456789` (Telegram user id).
 */
export function normalizeSender(text: string): string | null {
  const t = text.trim();
  const phone = normalizeMsisdn(t);
  if (phone) return phone;
  const m = /^([a-z]{2,10}):([A-Za-z0-9_.@-]{1,64})$/.exec(t);
  return m ? `${m[1]}:${m[2]}` : null;
}
