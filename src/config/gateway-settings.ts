/** Settings of the message pipeline (config `gateway:`), resolved. */
export interface GatewaySettings {
  /** Reply to senders that are not registered (one generic text), or stay silent. */
  readonly replyToUnknownSenders: boolean;
  /** Messages per sender per minute before RATE.LIMITED; 0 = no limit. */
  readonly ratePerMinute: number;
  /** Markup the upline earns on a member who registered with DAFTAR under its code. */
  readonly daftarMarkup: number;
  /** The role of an agent registered by REG (config `reseller.regRole`). */
  readonly regRole: 'member' | 'reseller';
  /** Deposit tickets (TIKET): where to transfer, how long a ticket stays open. */
  readonly ticket: { readonly account: string; readonly ttlMs: number };
  /** How many jobs one group commit may carry. */
  readonly maxBatch: number;
  /** `start` runs the core (database, engine) in a worker thread beside the channels' thread. */
  readonly coreThread: boolean;
}
