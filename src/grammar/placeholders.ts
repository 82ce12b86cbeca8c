// The placeholders a format may use: their lexical shape (which decides how formats are told
// apart), the command field they fill, a sample for generated examples, and the value check
// applied once a message has matched a format.

export const PLACEHOLDERS = [
  'product',
  'dest',
  'counter',
  'pin',
  'newpin',
  'downline',
  'self',
  'amount',
  'markup',
  'markups',
  'products',
  'prefix',
  'msisdn',
  'name',
  'days',
  'refcode',
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];

/**
 * Lexical shapes. `code` = letter then letters/digits (products, agents, prefixes);
 * `digits`; `markups` = `P=m,P=m`; `products` = `P,P`; `name` = words, joined by spaces
 * when space is not a separator.
 */
export type Shape = 'code' | 'digits' | 'markups' | 'products' | 'name';

export type FieldValue = string | number | string[] | { product: string; amount: string }[];

/** Receives the words of the slot (list commas and name spaces already dropped). */
type Convert = (words: readonly string[]) => FieldValue | undefined;

export interface PlaceholderSpec {
  readonly shape: Shape;
  /** Name of the command field it fills. */
  readonly field: string;
  /** Sample used in generated examples (with "." separators). */
  readonly sample: string;
  readonly convert: Convert;
}

const MAX_CODE = 20;
const MAX_LIST = 50;

const code: Convert = ([w]) => (w !== undefined && w.length <= MAX_CODE ? w : undefined);

function digits(min: number, max: number): Convert {
  return ([w]) => (w !== undefined && w.length >= min && w.length <= max ? w : undefined);
}

function smallNumber(maxDigits: number, min: number, max: number): Convert {
  return ([w]) => {
    if (w === undefined || w.length > maxDigits) return undefined;
    const n = Number(w);
    return n >= min && n <= max ? n : undefined;
  };
}

const codeList: Convert = (words) => {
  if (words.length > MAX_LIST || new Set(words).size !== words.length) return undefined;
  return words.every((w) => w.length <= MAX_CODE) ? [...words] : undefined;
};

const markupList: Convert = (words) => {
  const items = words.map((w) => {
    const at = w.indexOf('=');
    return { product: w.slice(0, at), amount: w.slice(at + 1) };
  });
  const products = items.map((i) => i.product);
  if (codeList(products) === undefined) return undefined;
  return items.every((i) => i.amount.length <= 15) ? items : undefined;
};

const name: Convert = (words) => {
  const joined = words.join(' ');
  return joined.length <= 40 ? joined : undefined;
};

const amount = digits(1, 15);
const pin = digits(4, 8);

export const PLACEHOLDER_SPECS: Readonly<Record<Placeholder, PlaceholderSpec>> = {
  product: { shape: 'code', field: 'product', sample: 'S10', convert: code },
  dest: { shape: 'digits', field: 'dest', sample: '08123456789', convert: digits(4, 20) },
  counter: { shape: 'digits', field: 'counter', sample: '2', convert: smallNumber(3, 1, 999) },
  pin: { shape: 'digits', field: 'pin', sample: '1234', convert: pin },
  newpin: { shape: 'digits', field: 'newPin', sample: '5678', convert: pin },
  downline: { shape: 'code', field: 'downline', sample: 'OX0003', convert: code },
  self: { shape: 'code', field: 'self', sample: 'OX0001', convert: code },
  amount: { shape: 'digits', field: 'amount', sample: '100000', convert: amount },
  markup: { shape: 'digits', field: 'markup', sample: '50', convert: amount },
  markups: { shape: 'markups', field: 'markups', sample: 'S5=50,S10=75', convert: markupList },
  products: { shape: 'products', field: 'products', sample: 'S5,S10', convert: codeList },
  prefix: { shape: 'code', field: 'prefix', sample: 'S', convert: code },
  msisdn: { shape: 'digits', field: 'msisdn', sample: '08123456789', convert: digits(8, 15) },
  name: { shape: 'name', field: 'name', sample: 'BUDI', convert: name },
  days: { shape: 'digits', field: 'days', sample: '7', convert: smallNumber(3, 1, 366) },
  refcode: { shape: 'code', field: 'refcode', sample: 'OX0001', convert: code },
};

export function isPlaceholder(word: string): word is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(word);
}
