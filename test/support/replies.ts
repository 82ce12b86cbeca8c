import { expect } from 'vitest';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A reseller's SAL reply: balance, commission and its referral code (which is random). */
export function saldoReply(saldo: string, komisi = '0'): unknown {
  return expect.stringMatching(new RegExp(`^Saldo ${esc(saldo)}\\. Komisi ${esc(komisi)}\\. Kode referral R[A-Z2-9]{5}\\.$`));
}
