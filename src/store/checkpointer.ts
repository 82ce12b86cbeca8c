import Sqlite from 'better-sqlite3';

export interface Checkpointer {
  /** Checkpoints run so far (for tests and benchmarks). */
  readonly runs: number;
  stop(): void;
}

/**
 * Copies the WAL back into the database file from a connection of its own, on a timer, so the
 * thread that commits (the core thread) does not do it inside its commits (shared/research/
 * limits.md §1.2: checkpoints, not commits, are most of what durable writes cost). PASSIVE: it
 * never waits for or blocks the writer, and it skips a turn when another checkpoint is running.
 * The writer's own `wal_autocheckpoint` stays as the backstop that bounds the WAL if this one
 * falls behind or stops.
 */
export function startCheckpointer(path: string, everyMs: number, log: (line: string) => void): Checkpointer {
  const db = new Sqlite(path, { fileMustExist: true });
  let runs = 0;
  let failing = false;
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      runs++;
      failing = false;
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_BUSY') return; // another checkpoint is running: next time
      if (!failing) log(`WAL checkpoint failed: ${(e as Error).message}`); // told once until one succeeds
      failing = true;
    }
  }, everyMs);
  timer.unref();
  return {
    get runs() {
      return runs;
    },
    stop() {
      clearInterval(timer);
      if (db.open) db.close();
    },
  };
}
