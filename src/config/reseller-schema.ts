import { z } from 'zod';
import { tierProblem } from '../domain/volume-discount.js';
import { amount } from './schema-atoms.js';

const tier = z
  .object({
    from: z.number().int().min(0),
    to: z.number().int().min(0).nullable().default(null),
    percent: z
      .union([z.number(), z.string()])
      .transform(String)
      .refine((s) => /^\d+(\.\d+)?$/.test(s) && Number(s) <= 100, { message: 'expected a percentage from 0 to 100' }),
  })
  .strict();

const tiers = z.array(tier).superRefine((ts, ctx) => {
  const problem = tierProblem(ts);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** `reseller:` — volume discounts, member → reseller activation, who REG registers. */
export const resellerConfigSchema = z
  .object({
    discounts: z
      .object({
        /** Tiers for every product without its own. */
        default: tiers.default([]),
        /** Per product code. */
        products: z.record(z.string(), tiers).default({}),
      })
      .strict()
      .prefault({}),
    activation: z
      .object({
        /** Make a member a reseller automatically once it meets every condition below. */
        auto: z.boolean().default(true),
        minSales: z.number().int().min(0).default(10),
        minTotalDeposit: amount.default('0'),
        minBalance: amount.default('0'),
      })
      .strict()
      .prefault({}),
    /** The role of an agent registered by REG: member (default) or reseller. */
    regRole: z.enum(['member', 'reseller']).default('member'),
  })
  .strict();
