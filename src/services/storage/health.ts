import type { SqlDatabase } from './sql-database.js';

/** Why PlanBot runs without its database (degraded mode), for replies and /about. */
export interface DatabaseUnavailable {
  /** The file PlanBot tried to use. */
  file: string;
  /** What went wrong, in the words of StorageError (no secrets: a path and an SQLite message). */
  reason: string;
}

const PROBE_KEY = 'health_probe';

/**
 * A real write and read: /about says "Database: ok" only when this works. A file
 * that opens but is read-only, full or damaged fails here, where `SELECT 1` would
 * still succeed. The row is one key in the settings table, overwritten each time.
 */
export async function probeDatabase(db: SqlDatabase, now: Date = new Date()): Promise<void> {
  const stamp = now.toISOString();
  await db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [PROBE_KEY, stamp]);
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [PROBE_KEY]);
  if (row?.value !== stamp) throw new Error('the health probe row written was not read back');
}
