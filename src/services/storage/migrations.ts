import { StorageError } from './errors.js';
import { schemaSql } from './dialect.js';
import type { SqlDatabase } from './sql-database.js';

/**
 * One schema step. Versions are 1, 2, 3, … and never change once released: add a new one
 * instead. `sql` is written for SQLite; src/services/storage/dialect.ts rewrites what PostgreSQL
 * spells differently, so one list serves both.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** A migration a database has, as recorded in its schema_version table. */
interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: string;
}

export interface MigrationStatus {
  applied: AppliedMigration[];
  pending: Migration[];
  /** The database is newer than this PlanBot (a version above the last it knows). */
  tooNew: boolean;
}

const CREATE_VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/**
 * Brings the schema up to the newest migration in one transaction, so a crash
 * mid-way leaves the previous version intact. A database written by a newer
 * PlanBot is refused rather than guessed at. On PostgreSQL the transaction holds the
 * writer lock, so two workers starting together migrate once.
 */
export async function applyMigrations(db: SqlDatabase, migrations: readonly Migration[]): Promise<{ from: number; to: number; applied: Migration[] }> {
  checkSequence(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  return db.transaction(async (tx) => {
    await tx.run(CREATE_VERSION_TABLE);
    const row = await tx.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version');
    const current = row?.v ?? 0;
    if (current > latest) {
      throw new StorageError(
        `The database ${db.location} has schema version ${current}, newer than this PlanBot understands (${latest}). Upgrade PlanBot, or ${db.dialect === 'sqlite' ? 'set DATA_DIR to another folder' : 'point DATABASE_URL at another database'}.`,
        db.location,
        'SCHEMA_TOO_NEW',
      );
    }
    const applied: Migration[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      await tx.exec(schemaSql(m.sql, db.dialect));
      await tx.run('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
      applied.push(m);
    }
    return { from: current, to: Math.max(current, latest), applied };
  });
}

/** What `planbot db status` shows: the migrations a database has (with when) and those it lacks. */
export async function migrationStatus(db: SqlDatabase, migrations: readonly Migration[]): Promise<MigrationStatus> {
  checkSequence(migrations);
  await db.run(CREATE_VERSION_TABLE);
  const applied = (await db.all<{ version: number; name: string; applied_at: string }>('SELECT version, name, applied_at FROM schema_version ORDER BY version')).map((r) => ({
    version: r.version,
    name: r.name,
    appliedAt: r.applied_at,
  }));
  const current = applied.at(-1)?.version ?? 0;
  return { applied, pending: migrations.filter((m) => m.version > current), tooNew: current > (migrations.at(-1)?.version ?? 0) };
}

export async function schemaVersion(db: SqlDatabase): Promise<number> {
  const row = await db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version');
  return row?.v ?? 0;
}

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" has version ${m.version}; expected ${i + 1} (versions must be 1, 2, 3, … in order).`);
  });
}
