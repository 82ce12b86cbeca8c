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

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

type Job = { run: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };

export interface GroupCommitOptions {
  /** The most jobs in one transaction. */
  readonly maxBatch: number;
  /**
   * The jobs' results are answered by another thread (the core thread, whose channels live in the
   * main thread): a batch takes at most seven eighths of the backlog (at least one job), so that
   * thread answers it, and the peers send more, while the rest commits. A backlog of up to seven
   * jobs (a quiet gateway) commits whole, as without overlap.
   */
  readonly overlap?: boolean | undefined;
}

/**
 * With `overlap`, the share of the backlog one batch takes. A batch has a fixed cost (~0.7 ms of
 * CPU to commit: BEGIN, the WAL's hot pages, the fsync), so larger batches cost less per job; what
 * a batch leaves behind keeps this thread busy while the other one answers. In the SMPP benchmark
 * half made batches of ~63 jobs on average; three quarters ~78, and ~+6 % commands/s; seven
 * eighths ~86, and ~+5 % more; the whole backlog fewer commands/s (the core waited for the
 * answers to return). docs/benchmarks.md, "Larger batches".
 */
const OVERLAP_SHARE = 0.875;

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
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Batches committed so far (for benchmarks). */
  get committed(): number {
    return this.batches;
  }

  /**
   * Commits one batch of at most `maxBatch` jobs. When more are queued, the next batch waits a
   * full turn of the event loop: what this batch set in motion (acknowledgements and replies, or
   * results posted to the other thread on the next setImmediate) leaves first, so the peer can
   * send more while the next batch runs, instead of the whole backlog committing before anything
   * is answered.
   */
  flush(): void {
    const backlog = this.queue.length;
    const batch = this.queue.splice(0, Math.min(this.opts.maxBatch, this.opts.overlap ? Math.ceil(backlog * OVERLAP_SHARE) : backlog));
    if (batch.length > 0) this.commit(batch);
    if (this.queue.length === 0) this.scheduled = false;
    else setImmediate(() => setImmediate(() => this.flush()));
  }

  /** Commits everything queued now, batch after batch (closing: nothing may stay behind). */
  drain(): void {
    while (this.queue.length > 0) this.commit(this.queue.splice(0, this.opts.maxBatch));
  }

  private commit(batch: readonly Job[]): void {
    let outcomes: Outcome[];
    try {
      // Jobs almost never throw (refusals are values), so the batch first runs without a
      // savepoint per job; if one throws, that attempt is rolled back whole and the batch runs
      // again with a savepoint per job, so only the failing job is lost. A job must therefore
      // have no effect outside the database that a second run would repeat.
      outcomes = this.runPlain(batch) ?? this.runIsolated(batch);
    } catch (error) {
      const failed = new BatchFailedError(error); // BEGIN or COMMIT failed: nothing is durable
      for (const job of batch) job.reject(failed);
      return;
    }
    this.batches++;
    batch.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
  }

  /** All jobs in one transaction; undefined (and nothing written) when one of them threw. */
  private runPlain(batch: readonly Job[]): Outcome[] | undefined {
    const aborted = new Error('a job threw');
    try {
      return this.sql.transaction(() =>
        batch.map((job): Outcome => {
          try {
            return { ok: true, value: job.run() };
          } catch {
            throw aborted;
          }
        }),
      );
    } catch (e) {
      if (e === aborted) return undefined;
      throw e;
    }
  }

  private runIsolated(batch: readonly Job[]): Outcome[] {
    return this.sql.transaction(() =>
      batch.map((job): Outcome => {
        try {
          return { ok: true, value: this.sql.savepoint(job.run) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }
}
