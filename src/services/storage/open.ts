import path from 'node:path';
import { Database } from './database.js';
import { MIGRATIONS } from './schema.js';
import type { SqlDatabase } from './sql-database.js';

export const DATABASE_FILE = 'planbot.sqlite';

/** PlanBot's database: DATA_DIR/planbot.sqlite, created and migrated on first use. */
export function openPlanbotDatabase(dataDir: string, options: { busyTimeoutMs?: number } = {}): Promise<Database> {
  return Database.open(path.join(dataDir, DATABASE_FILE), { migrations: MIGRATIONS, ...options });
}

/** A small key–value table for values PlanBot generates once and must keep (e.g. the question-log salt): returns the stored value, or stores and returns `make()`'s when there is none yet (atomically). */
export function settingOrCreate(db: SqlDatabase, key: string, make: () => string): Promise<string> {
  return db.transaction(async (tx) => {
    const existing = await tx.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]);
    if (existing) return existing.value;
    const value = make();
    await tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', [key, value]);
    return value;
  });
}
