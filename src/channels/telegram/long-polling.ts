import type { Api } from 'grammy';
import type { Update } from 'grammy/types';

/**
 * grammY's Node typings name the `abort-controller` polyfill's AbortSignal; at run time it is
 * given Node's own, which is what we have.
 */
export type ApiSignal = NonNullable<Parameters<Api['getUpdates']>[1]>;
export const apiSignal = (s: AbortSignal): ApiSignal => s as unknown as ApiSignal;

export interface PollingOptions {
  readonly limit: number;
  readonly timeoutSeconds: number;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  /** Wait after a failed request or a failed update: doubled from min up to max. */
  readonly backoff?: { readonly minMs: number; readonly maxMs: number };
}

/**
 * Long polling that confirms an update only after it was handled. Telegram forgets an update once
 * getUpdates is called with an offset above its `update_id` (Bot API, getUpdates), so the offset
 * moves past an update only when `handle` resolved (for a command: the journal row, the effect
 * and the replies are committed). A handler that rejects stops the batch: that update and the
 * rest are fetched again after a backoff. A stop lets the update in hand finish, leaves the rest
 * of the batch unconfirmed (Telegram redelivers it to the next run), and confirms what was
 * handled. A crash confirms nothing; the journal makes the redelivered updates run once.
 *
 * grammY's `bot.start()` is not used: it marks an update as seen before handling it and confirms
 * it on stop even if its handler failed (shared/research/chat-adapters.md §1.3).
 */
export async function pollUpdates(api: Api, handle: (u: Update) => Promise<void>, o: PollingOptions): Promise<void> {
  const { minMs, maxMs } = o.backoff ?? { minMs: 1_000, maxMs: 60_000 };
  let offset: number | undefined;
  let failures = 0;
  const pause = () => sleep(Math.min(maxMs, minMs * 2 ** Math.min(failures++, 16)), o.signal);
  while (!o.signal.aborted) {
    let updates: Update[];
    try {
      updates = await api.getUpdates(
        { ...(offset === undefined ? {} : { offset }), limit: o.limit, timeout: o.timeoutSeconds, allowed_updates: ['message'] },
        apiSignal(o.signal),
      );
    } catch (e) {
      if (o.signal.aborted) break;
      o.log(`telegram: getUpdates failed (${describe(e)}); trying again`);
      await pause();
      continue;
    }
    if (updates.length === 0) failures = 0;
    for (const update of updates) {
      if (o.signal.aborted) break;
      try {
        await handle(update);
      } catch (e) {
        o.log(`telegram: update ${update.update_id} not handled (${describe(e)}); it will be fetched again`);
        await pause();
        break;
      }
      failures = 0;
      offset = update.update_id + 1;
    }
  }
  if (offset !== undefined) {
    // Confirm what was handled, so the next run does not get it again (it would be a duplicate).
    await api.getUpdates({ offset, limit: 1, timeout: 0 }, apiSignal(AbortSignal.timeout(5_000))).catch(() => {});
  }
}

export function describe(e: unknown): string {
  if (e instanceof Error) {
    const inner = (e as { error?: unknown }).error; // grammY's HttpError hides the cause (it may hold the token)
    return inner instanceof Error && inner.name === 'AbortError' ? 'aborted' : e.message;
  }
  return String(e);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
