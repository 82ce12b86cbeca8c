import type { Migration } from 'kysely';
import { engineMigration } from './0001-engine.js';
import { gatewayMigration } from './0002-gateway.js';
import { smsPartsMigration } from './0003-sms-parts.js';
import { resellerMigration } from './0004-reseller.js';
import { contentKeyMigration } from './0005-content-key.js';
import { postingEntryIndexMigration } from './0006-posting-entry-index.js';
import { journalKeyOrderMigration } from './0007-journal-key-order.js';
import { saleSharesMigration } from './0008-sale-shares.js';
import { postingChainMigration } from './0009-posting-chain.js';

/** Every migration, by name; names sort in the order they must run. */
export const migrations: Record<string, Migration> = {
  '0001-engine': engineMigration,
  '0002-gateway': gatewayMigration,
  '0003-sms-parts': smsPartsMigration,
  '0004-reseller': resellerMigration,
  '0005-content-key': contentKeyMigration,
  '0006-posting-entry-index': postingEntryIndexMigration,
  '0007-journal-key-order': journalKeyOrderMigration,
  '0008-sale-shares': saleSharesMigration,
  '0009-posting-chain': postingChainMigration,
};
