import type { SqlExecutor } from '../store/sql.js';

/** BEGIN or COMMIT of a group commit failed: none of its jobs is durable. */
export class BatchFailedError extends Error {
  override readonly name = 'BatchFailedError';
  constructor(cause: unknown) {
    super(`the database could not commit: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** SQLite errors that say the storage, not the message, is at fault (busy, locked, I/O, full). */
export function isStorageFailure(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB)/.test(code);
}

type Job = { run: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };

export interface GroupCommitOptions {
  /** The most jobs in one transaction. */
  readonly maxBatch: number;
}

/**
 * Group commit: jobs that arrive in the same turn of the event loop run in one SQLite
 * transaction, each inside its own savepoint, so one failing job rolls back alone while the batch
 * shares a single fsync (shared/research/limits.md §1.2: ~10k durable purchases/s batched vs
 * ~3.6k one commit each). A job's promise settles only after the COMMIT returned: nothing is
 * acknowledged before it is durable.
 */
export class GroupCommitter {
  private queue: Job[] = [];
  private scheduled = false;
  private batches = 0;

  constructor(
    private readonly sql: SqlExecutor,
    private readonly opts: GroupCommitOptions = { maxBatch: 64 },
  ) {}

  run<T>(job: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: job, resolve: resolve as (v: unknown) => void, reject });
      if (this.queue.length >= this.opts.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Batches committed so far (for benchmarks). */
  get committed(): number {
    return this.batches;
  }

  flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      try {
        this.sql.transaction(() => {
          for (const job of batch) {
            try {
              outcomes.push({ ok: true, value: this.sql.savepoint(job.run) });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        const failed = new BatchFailedError(error); // BEGIN or COMMIT failed: nothing is durable
        for (const job of batch) job.reject(failed);
        continue;
      }
      this.batches++;
      batch.forEach((job, i) => {
        const o = outcomes[i]!;
        if (o.ok) job.resolve(o.value);
        else job.reject(o.error);
      });
    }
  }
}
