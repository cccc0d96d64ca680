/** SQLite's "another connection holds the lock" errors, after the busy timeout ran out. */
function isBusyError(err: unknown): boolean {
  const code = (err as { code?: string } | undefined)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

export interface BusyRetryOptions {
  /** Give up after this long in all (each attempt also waits the connection's busy timeout). */
  maxMs?: number;
  /** First pause between attempts; doubled each time, at most 8 s. */
  firstPauseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs a write again while the database is locked by another process (a backup, a
 * second PlanBot, someone's sqlite3 shell): pauses of 250 ms, 500 ms, 1 s … 8 s, for
 * up to two minutes. Any other error, or the last busy one, is thrown to the caller,
 * which logs it once.
 */
export async function retryWhileBusy<T>(work: () => Promise<T>, options: BusyRetryOptions = {}): Promise<T> {
  const maxMs = options.maxMs ?? 120_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = Date.now();
  let pause = options.firstPauseMs ?? 250;
  for (;;) {
    try {
      return await work();
    } catch (err) {
      if (!isBusyError(err) || Date.now() - started + pause > maxMs) throw err;
      await sleep(pause);
      pause = Math.min(pause * 2, 8_000);
    }
  }
}
