import { outboxRepo, type OutboxRow } from '../store/repos/outbox-repo.js';
import type { SqlExecutor } from '../store/sql.js';
import type { OutboundMessage } from './envelope.js';
import type { OutboxDispatcher } from './outbox-dispatcher.js';
import { toOutbound } from './pipeline.js';

/**
 * Resolves with the final-result reply of a sale once it is queued (or at once when it already
 * is), or with undefined after `timeoutMs`. For callers that wait in-band: `send --wait`, HTTP.
 * Another process (the running gateway) may be the one that finishes the sale, so the outbox is
 * also read every 200 ms.
 */
export function awaitSaleResult(
  sql: SqlExecutor, dispatcher: OutboxDispatcher, saleId: number, timeoutMs: number,
): Promise<OutboundMessage | undefined> {
  return new Promise((resolve) => {
    const done = (row: OutboxRow | undefined) => {
      clearTimeout(timer);
      clearInterval(poll);
      dispatcher.events.off('queued', onQueued);
      resolve(row && toOutbound(row));
    };
    const onQueued = (row: OutboxRow) => {
      if (row.sale_id === saleId && row.inbound_id === null) done(row);
    };
    const look = () => {
      const existing = outboxRepo.finalsOfSale(sql, saleId)[0];
      if (existing) done(existing);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const poll = setInterval(look, 200);
    dispatcher.events.on('queued', onQueued);
    look();
  });
}
