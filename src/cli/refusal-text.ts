/** English wording of engine refusals for the operator's terminal. */
const TEXT: Record<string, (d: Record<string, string | number>) => string> = {
  'AGENT.UNKNOWN': (d) => `no agent ${d.code ?? ''} exists`.replace('  ', ' '),
  'AGENT.EXISTS': (d) => `agent ${d.code} already exists`,
  'AGENT.INVALID_CODE': (d) => `invalid agent code "${d.code}": a letter, then 1-15 letters or digits`,
  'AGENT.INVALID_NAME': () => 'the name must be 1 to 60 characters',
  'AGENT.NOT_DOWNLINE': (d) => `${d.code} is not a direct downline here (only its direct upline manages it; the operator manages top-level agents)`,
  'SENDER.INVALID': (d) => `invalid sender "${d.sender}": a phone number (08…, +62…, 62…) or scheme:id such as tg:123456`,
  'SENDER.TAKEN': (d) => `sender ${d.sender} is already registered to another agent`,
  'PIN.INVALID_NEW': () => 'a PIN is 4 to 8 digits',
  'AMOUNT.INVALID': (d) => `invalid amount${d.field ? ` for ${d.field}` : ''}: a positive number`,
  'MARKUP.ABOVE_MAX': (d) => `markup above the maximum (${d.max})`,
  'MARKUP.NEGATIVE': () => 'a markup cannot be negative',
  'PRODUCT.INVALID': (d) => `invalid product ${d.code}: ${d.why}`,
  'PRODUCT.RESERVED': (d) => `product code ${d.code} is a command keyword in the request formats; choose another code`,
  'PRODUCT.UNKNOWN': (d) => `no product ${d.product} exists`,
  'QUALIFICATION.INVALID': (d) => `invalid qualification id "${d.id}": a letter, then letters, digits, - or _`,
};

export function refusalText(code: string, detail: Record<string, string | number> = {}): string {
  return TEXT[code]?.(detail) ?? code;
}
