import { StorageError } from './errors.js';

/**
 * What migrating needs of a database (a Database has it all). Declared here rather than
 * imported, so database.ts → migrations.ts stays one-way.
 */
interface SchemaStatements {
  run(sql: string, params?: readonly (string | number | null)[]): Promise<unknown>;
  get<T>(sql: string): Promise<T | undefined>;
}
interface MigratableDatabase extends SchemaStatements {
  readonly file: string;
  transaction<T>(body: (tx: SchemaStatements & { exec(sql: string): Promise<void> }) => Promise<T>): Promise<T>;
}

/** One schema step. Versions are 1, 2, 3, … and never change once released: add a new one instead. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Brings the schema up to the newest migration in one transaction, so a crash
 * mid-way leaves the previous version intact. A database written by a newer
 * PlanBot is refused rather than guessed at.
 */
export async function applyMigrations(db: MigratableDatabase, migrations: readonly Migration[]): Promise<{ from: number; to: number }> {
  checkSequence(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  return db.transaction(async (tx) => {
    await tx.run(`CREATE TABLE IF NOT EXISTS schema_version (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const row = await tx.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version');
    const current = row?.v ?? 0;
    if (current > latest) {
      throw new StorageError(
        `The database ${db.file} has schema version ${current}, newer than this PlanBot understands (${latest}). Upgrade PlanBot, or set DATA_DIR to another folder.`,
        db.file,
        'SCHEMA_TOO_NEW',
      );
    }
    for (const m of migrations) {
      if (m.version <= current) continue;
      await tx.exec(m.sql);
      await tx.run('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
    }
    return { from: current, to: latest };
  });
}

export async function schemaVersion(db: SchemaStatements): Promise<number> {
  const row = await db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version');
  return row?.v ?? 0;
}

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" has version ${m.version}; expected ${i + 1} (versions must be 1, 2, 3, … in order).`);
  });
}
