/**
 * SMPP addresses and Indonesian numbers (shared/research/smpp-gateways.md §4.3). A sender is
 * kept as E.164 digits without "+" (62…) whatever TON it came with; replies go to such digits
 * with TON 1 / NPI 1 (international, ISDN), never with a "+".
 */
export const TON = { UNKNOWN: 0, INTERNATIONAL: 1, NATIONAL: 2, ALPHANUMERIC: 5 } as const;
export const NPI = { UNKNOWN: 0, ISDN: 1 } as const;

export interface Address {
  readonly addr: string;
  readonly ton: number;
  readonly npi: number;
}

/** The sender as the gateway keys it: 62… for an Indonesian number in any form, else as given. */
export function normaliseSender(addr: string, ton: number): string {
  if (ton === TON.ALPHANUMERIC) return addr.trim();
  const t = addr.replace(/[\s\-.()]/g, '');
  if (!/^\+?\d+$/.test(t)) return addr.trim();
  if (t.startsWith('+')) return t.slice(1);
  if (t.startsWith('00')) return t.slice(2);
  if (ton === TON.INTERNATIONAL) return t;
  if (t.startsWith('0') && t.length >= 9) return `62${t.slice(1)}`;
  if (/^8\d{8,11}$/.test(t)) return `62${t}`;
  return t;
}

/** How to address `addr` in a PDU: long digit strings as international, short codes as unknown, names as alphanumeric. */
export function addressOf(addr: string): Address {
  const t = addr.startsWith('+') ? addr.slice(1) : addr;
  if (/^\d{9,15}$/.test(t)) return { addr: t, ton: TON.INTERNATIONAL, npi: NPI.ISDN };
  if (/^\d*$/.test(t)) return { addr: t, ton: TON.UNKNOWN, npi: t ? NPI.ISDN : NPI.UNKNOWN };
  return { addr: t.slice(0, 11), ton: TON.ALPHANUMERIC, npi: NPI.UNKNOWN };
}
