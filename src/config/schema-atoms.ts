import { z } from 'zod';
import { parseDuration } from './duration.js';

/** An amount in currency units as the operator writes it: 5000, "5000", "12.50". */
export const amount = z
  .union([z.number(), z.string()])
  .transform(String)
  .refine((s) => /^\d+(\.\d+)?$/.test(s), { message: 'expected a non-negative amount such as 5000 or 12.50' });

export const duration = z.string().refine((s) => parseDuration(s) !== null, {
  message: 'expected a duration such as "500ms", "30s", "15m", "6h" or "1d"',
});
