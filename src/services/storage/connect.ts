import { Database } from './database.js';
import { DATABASE_FILE, openPlanbotDatabase } from './open.js';
import { MIGRATIONS } from './schema.js';
import type { SqlDatabase } from './sql-database.js';
import path from 'node:path';

/** Where the database is (validated by src/app/settings.ts): DATABASE_URL, else the SQLite file in dataDir (DATA_DIR resolved). */
export interface StorageSettings {
  dataDir: string;
  DATABASE_URL?: string | undefined;
}

/**
 * PlanBot's database as configured: PostgreSQL when DATABASE_URL is set, else the embedded
 * SQLite file DATA_DIR/planbot.sqlite. Migrated to the newest schema unless `migrate` is
 * false (`planbot db status` looks first). Errors never contain the URL's password.
 */
export async function openStorage(settings: StorageSettings, options: { migrate?: boolean } = {}): Promise<SqlDatabase> {
  if (settings.DATABASE_URL) {
    // The PostgreSQL driver loads only when it is configured.
    const { PostgresDatabase } = await import('./postgres/database.js');
    return PostgresDatabase.open(settings.DATABASE_URL, { migrations: MIGRATIONS, ...options });
  }
  if (options.migrate === false) return Database.open(path.join(settings.dataDir, DATABASE_FILE), { migrations: MIGRATIONS, migrate: false });
  return openPlanbotDatabase(settings.dataDir);
}
