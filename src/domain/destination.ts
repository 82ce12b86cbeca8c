import { localMsisdn } from './msisdn.js';

/** What a product's destination must look like: a mobile number, a meter/customer id, or any id. */
export type DestinationKind = 'msisdn' | 'meter' | 'any';

export const DESTINATION_KINDS: readonly DestinationKind[] = ['msisdn', 'meter', 'any'];

/** The destination in its stored form, or null when it does not fit the product. */
export function normalizeDestination(dest: string, kind: DestinationKind): string | null {
  switch (kind) {
    case 'msisdn':
      return localMsisdn(dest);
    case 'meter':
      return /^\d{11,12}$/.test(dest) ? dest : null;
    case 'any':
      return /^[0-9A-Za-z]{4,24}$/.test(dest) ? dest : null;
  }
}
