/**
 * Indonesian phone numbers arrive as 08…, +62…, 62… or 0062…. A sender is keyed in the
 * international form without "+" (62…); a destination is kept in the local 08… form the trade and
 * suppliers use, so the same number typed two ways is one destination for the same-sale rule.
 */
const LOCAL = /^0(8\d{7,12})$/;

function nationalPart(text: string): string | null {
  const t = text.replace(/[\s-]/g, '');
  const m = /^(?:\+62|0062|62)(8\d{7,12})$/.exec(t) ?? LOCAL.exec(t);
  return m ? (m[1] as string) : null;
}

/** 62… form, or null when it is not an Indonesian mobile number. */
export function normalizeMsisdn(text: string): string | null {
  const n = nationalPart(text);
  return n ? `62${n}` : null;
}

/** 08… form, or null when it is not an Indonesian mobile number. */
export function localMsisdn(text: string): string | null {
  const n = nationalPart(text);
  return n ? `0${n}` : null;
}
