// The commands a reseller can send (DOMAIN.md §6), as a tagged union on `kind`.
// Pure types and helpers: this file must not import any parser, driver or transport.

/** Every request key, in the order of DOMAIN.md §6 (also the order formats are tried for hints). */
export const REQUEST_KEYS = [
  'Transaksi',
  'CekSaldo',
  'CekHarga',
  'UbahMarkupProduk',
  'UbahMarkupProduk2',
  'UbahMarkupProdukSemua',
  'CekMarkupProduk',
  'HapusMarkupProduk',
  'HapusMarkupProduk2',
  'HapusMarkupProduk3',
  'UbahMarkup',
  'Reg',
  'Transfer',
  'GantiPin',
  'TukarKomisi',
  'ListDownline',
  'CekStatus',
  'Tiket',
  'Rekap',
  'Daftar',
  'BukaKunci',
  'Menu',
] as const;

export type RequestKey = (typeof REQUEST_KEYS)[number];

/**
 * One `P=m` item. Amounts are kept as the digit strings the reseller typed (whole currency
 * units, no sign, no decimals); the engine converts them to money.
 */
export interface MarkupItem {
  product: string;
  amount: string;
}

// Codes (product, agent, prefix, referral) are upper-cased; PINs, destinations and amounts are
// digit strings (leading zeros kept: a destination's leading 0 matters).
export type Command =
  | { kind: 'Transaksi'; product: string; dest: string; counter?: number; pin: string }
  | { kind: 'CekSaldo'; pin: string }
  | { kind: 'CekHarga'; prefix: string; pin: string }
  | { kind: 'UbahMarkupProduk'; downline: string; markups: MarkupItem[]; pin: string }
  | { kind: 'UbahMarkupProduk2'; markups: MarkupItem[]; pin: string }
  | { kind: 'UbahMarkupProdukSemua'; self: string; markups: MarkupItem[]; pin: string }
  | { kind: 'CekMarkupProduk'; downline: string; product?: string; pin: string }
  | { kind: 'HapusMarkupProduk'; downline: string; products: string[]; pin: string }
  | { kind: 'HapusMarkupProduk2'; downline: string; pin: string }
  | { kind: 'HapusMarkupProduk3'; product: string; pin: string }
  | { kind: 'UbahMarkup'; downline: string; amount: string; pin: string }
  | { kind: 'Reg'; msisdn: string; name: string; markup: string; pin: string }
  | { kind: 'Transfer'; downline: string; amount: string; pin: string }
  | { kind: 'GantiPin'; newPin: string; pin: string }
  | { kind: 'TukarKomisi'; pin: string }
  | { kind: 'ListDownline'; pin: string }
  | { kind: 'CekStatus'; dest: string; pin: string }
  | { kind: 'Tiket'; amount: string; pin: string }
  | { kind: 'Rekap'; downline?: string; days: number; pin: string }
  | { kind: 'Daftar'; name: string; refcode: string }
  | { kind: 'BukaKunci'; downline: string; pin: string }
  | { kind: 'Menu' };

export type CommandOf<K extends RequestKey> = Extract<Command, { kind: K }>;

/** Exhaustiveness guard for `switch (cmd.kind)`: a new kind nobody handles fails to compile. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}

const MASK = '****';

/** A copy safe to log or print: PIN and new PIN replaced by a fixed mask. */
export function maskCommand(cmd: Command): Command {
  const copy: Record<string, unknown> = { ...cmd };
  if ('pin' in copy) copy.pin = MASK;
  if ('newPin' in copy) copy.newPin = MASK;
  return copy as Command;
}

/** JSON of a command with its PINs masked; the only way a command should be printed. */
export function commandToJson(cmd: Command, indent?: number): string {
  return JSON.stringify(maskCommand(cmd), null, indent);
}
