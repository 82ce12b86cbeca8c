/**
 * Expected outcomes are values, surprises are thrown. A refusal carries a stable code (the key of
 * its reply template, `error.<code>`) and the values the reply needs.
 */
export type Refusal<C extends string = RefusalCode> = {
  readonly ok: false;
  readonly code: C;
  readonly detail?: Readonly<Record<string, string | number>>;
};
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Result<T, C extends string = RefusalCode> = Ok<T> | Refusal<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const refuse = <C extends string>(
  code: C,
  detail?: Record<string, string | number>,
): Refusal<C> => (detail ? { ok: false, code, detail } : { ok: false, code });

export type RefusalCode =
  | 'AUTH.DENIED'
  | 'AUTH.LOCKED'
  | 'PRODUCT.UNKNOWN'
  | 'PRODUCT.INACTIVE'
  | 'PRODUCT.NOT_QUALIFIED'
  | 'SALE.INVALID_DESTINATION'
  | 'SALE.DUPLICATE'
  | 'SALE.INSUFFICIENT_BALANCE'
  | 'SALE.NOT_FOUND'
  | 'AGENT.UNKNOWN'
  | 'AGENT.NOT_DOWNLINE'
  | 'AGENT.NOT_RESELLER'
  | 'AGENT.LOCKED'
  | 'MARKUP.ABOVE_MAX'
  | 'MARKUP.NEGATIVE'
  | 'MARKUP.WILDCARD_NOT_SELF'
  | 'MARKUP.NOT_FOUND'
  | 'TRANSFER.INVALID_AMOUNT'
  | 'COMMISSION.EMPTY'
  | 'PIN.INVALID_NEW'
  | 'AGENT.INVALID_CODE'
  | 'AGENT.INVALID_NAME'
  | 'AGENT.EXISTS'
  | 'SENDER.INVALID'
  | 'SENDER.TAKEN'
  | 'AMOUNT.INVALID'
  | 'PRODUCT.INVALID'
  | 'PRODUCT.RESERVED'
  | 'QUALIFICATION.INVALID';
