import type { Generated } from 'kysely';

/** Row types of the SQLite schema (see migrations/). Money columns are integer minor units. */
export interface AgentTable {
  id: Generated<number>;
  code: string;
  name: string;
  pin_hash: string;
  pin_must_change: number;
  pin_failures: Generated<number>;
  upline_id: number | null;
  /** General markup of the edge upline → this agent. */
  markup: number;
  status: Generated<'active' | 'locked'>;
  credit_limit: number;
  balance_account: number;
  commission_account: number;
  created_at: number;
  /** 1 = reseller (may register downlines, set markups, transfer); 0 = member. */
  is_reseller: Generated<number>;
  referral_code: string | null;
}

export interface AccountTable {
  id: Generated<number>;
  name: string;
  agent_id: number | null;
  kind: 'balance' | 'commission' | 'system';
  balance: number;
  /** The account's latest posting, the head of its chain (null: none yet). Migration 0009. */
  last_posting: number | null;
}

export interface EntryTable {
  id: Generated<number>;
  kind: string;
  ref: string | null;
  memo: string | null;
  created_at: number;
}

export interface PostingTable {
  id: Generated<number>;
  entry_id: number;
  account_id: number;
  amount: number;
  balance_after: number;
  /** The account's posting before this one (null: its first): the account's chain. Migration 0009. */
  prev_id: number | null;
}

export interface SenderTable {
  address: string;
  agent_id: number;
}

export interface ProductTable {
  id: Generated<number>;
  code: string;
  name: string;
  product_group: string;
  base_price: number;
  cost: number;
  active: number;
  dest_kind: 'msisdn' | 'meter' | 'any';
  created_at: number;
  /** A qualification an agent must hold to see and buy this product. */
  qualification: string | null;
}

export interface ProductMarkupTable {
  agent_id: number;
  product_id: number;
  markup: number;
  updated_at: number;
}

export interface WildcardMarkupTable {
  upline_id: number;
  product_id: number;
  markup: number;
  updated_at: number;
}

export interface SaleTable {
  id: Generated<number>;
  ref: string | null;
  agent_id: number;
  product_id: number;
  dest: string;
  counter: number;
  price: number;
  base_price: number;
  discount: number;
  cost: number;
  status: 'pending' | 'success' | 'failed';
  sn: string | null;
  reason: string | null;
  origin: string | null;
  created_at: number;
  finished_at: number | null;
  /** Each edge's share, snapshotted at the hold: JSON, store/repos/sale-shares.ts. */
  shares: string;
}

export interface InboundTable {
  id: Generated<number>;
  channel: string;
  message_id: string;
  sender: string;
  chat: string;
  text: string;
  received_at: number;
  agent_id: number | null;
  command: string | null;
  outcome: string | null;
  content_key: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: string;
  recipient: string;
  text: string;
  redacted: string | null;
  inbound_id: number | null;
  sale_id: number | null;
  created_at: number;
  sent_at: number | null;
  attempts: Generated<number>;
  next_attempt_at: Generated<number>;
}

/** A part of an SMS reply the SMSC accepted (issue 5). */
export interface OutboxPartTable {
  outbox_id: number;
  seq: number;
  total: number;
  ref: number;
  channel: string;
  message_id: string;
  accepted_at: number;
}

/** A delivery receipt, matched to its part by (channel, message_id). */
export interface DeliveryReceiptTable {
  id: Generated<number>;
  channel: string;
  message_id: string;
  state: string;
  error: string | null;
  received_at: number;
}

export interface TicketTable {
  id: Generated<number>;
  agent_id: number;
  amount: number;
  unique_amount: number;
  status: Generated<'open' | 'paid' | 'expired'>;
  created_at: number;
  expires_at: number;
}

export interface GroupQualificationTable {
  product_group: string;
  qualification: string;
}

export interface AgentQualificationTable {
  agent_id: number;
  qualification: string;
  granted_at: number;
}

export interface Database {
  group_qualification: GroupQualificationTable;
  agent_qualification: AgentQualificationTable;
  inbound: InboundTable;
  outbox: OutboxTable;
  outbox_part: OutboxPartTable;
  delivery_receipt: DeliveryReceiptTable;
  ticket: TicketTable;
  agent: AgentTable;
  account: AccountTable;
  entry: EntryTable;
  posting: PostingTable;
  sender: SenderTable;
  product: ProductTable;
  product_markup: ProductMarkupTable;
  wildcard_markup: WildcardMarkupTable;
  sale: SaleTable;
}
