import { z } from 'zod';
import { duration } from './schema-atoms.js';

/** A secret is given inline (`password`) or by the name of an environment variable (`passwordEnv`), never both, never defaulted. */
const secret = {
  password: z.string().min(1).max(8 * 16).optional(),
  passwordEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').optional(),
};

function oneSecret(v: { password?: string | undefined; passwordEnv?: string | undefined }, ctx: z.RefinementCtx): void {
  if ((v.password === undefined) === (v.passwordEnv === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['password'], message: 'give exactly one of password or passwordEnv' });
  }
}

const port = z.number().int().min(0).max(65535);
/** SMPP 3.4 §5.2.1: system_id is at most 15 characters. */
const systemId = z.string().min(1).max(15);

/** Timing and flow control shared by both modes. */
const link = {
  /** Requests (submit_sm / deliver_sm) outstanding at once on one session. */
  window: z.number().int().min(1).max(1000).default(10),
  /** Our enquire_link period; a link that does not answer within responseTimeout is torn down. */
  enquireLink: duration.default('30s'),
  /** How long a request may wait for its response before it counts as failed (and is retried). */
  responseTimeout: duration.default('30s'),
  /** How long the parts of a long inbound message are awaited before what arrived is handled. */
  reassemblyTimeout: duration.default('60s'),
  /** An identical message redelivered after a lost acknowledgement within this time runs once. */
  redeliveryWindow: duration.default('10m'),
  /** Our address on replies when the sender's message did not name one (short code, or '' for the SMSC's default). */
  sourceAddr: z.string().max(20).default(''),
};

export const smppClientSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'expected 1–32 letters, digits, "-" or "_"'),
    host: z.string().min(1),
    port: port.default(2775),
    systemId,
    ...secret,
    systemType: z.string().max(12).default(''),
    mode: z.enum(['transceiver', 'transmitter+receiver']).default('transceiver'),
    /** 0x34 = SMPP 3.4 (the package would announce 5.0). */
    interfaceVersion: z.number().int().min(0).max(255).default(0x34),
    /** Submits per second on this bind; 0 = as fast as the window allows. */
    throughput: z.number().min(0).default(0),
    /** Ask for a final delivery receipt on every part (registered_delivery 1). */
    registeredDelivery: z.boolean().default(true),
    reconnect: z
      .object({ min: duration.default('1s'), max: duration.default('60s') })
      .strict()
      .prefault({}),
    ...link,
  })
  .strict()
  .superRefine(oneSecret);

export const smppAccountSchema = z
  .object({ systemId, ...secret })
  .strict()
  .superRefine(oneSecret);

export const smppServerSchema = z
  .object({
    enabled: z.boolean().default(false),
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(2776),
    accounts: z.array(smppAccountSchema).default([]),
    ...link,
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.accounts.forEach((a, i) => {
      if (seen.has(a.systemId)) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'systemId'], message: `duplicate systemId ${a.systemId}` });
      seen.add(a.systemId);
    });
    if (s.enabled && s.accounts.length === 0) ctx.addIssue({ code: 'custom', path: ['accounts'], message: 'an enabled server needs at least one account' });
  });

/** `channels.smpp`: zero or more SMSC binds (client) and the SMPP server for machine clients. */
export const smppConfigSchema = z
  .object({
    client: z
      .array(smppClientSchema)
      .default([])
      .superRefine((clients, ctx) => {
        const seen = new Set<string>();
        clients.forEach((c, i) => {
          if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate name ${c.name}` });
          seen.add(c.name);
        });
      }),
    server: smppServerSchema.prefault({}),
  })
  .strict();

export type SmppConfigFile = z.output<typeof smppConfigSchema>;
