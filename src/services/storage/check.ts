import { existsSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { MIGRATIONS } from './schema.js';

/** What `planbot db check` found, without changing the file. */
export interface DatabaseCheck {
  file: string;
  exists: boolean;
  /** "ok", or SQLite's integrity_check findings (first 20 lines), or why the file cannot be read. */
  integrity: string[];
  ok: boolean;
  /** Applied schema migrations, and the newest this PlanBot knows. */
  schemaVersion?: number;
  latestVersion: number;
}

/**
 * Opens the database read-only (never created, migrated or written) and runs
 * PRAGMA integrity_check and reads the migration version.
 */
export async function checkDatabase(file: string): Promise<DatabaseCheck> {
  const latestVersion = MIGRATIONS.at(-1)?.version ?? 0;
  if (!existsSync(file)) return { file, exists: false, integrity: [], ok: true, latestVersion };
  let conn: sqlite3.Database | undefined;
  try {
    conn = await new Promise<sqlite3.Database>((resolve, reject) => {
      const c = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(c)));
    });
    const all = <T>(sql: string) => new Promise<T[]>((resolve, reject) => conn!.all<T>(sql, (err, rows) => (err ? reject(err) : resolve(rows))));
    const integrity = (await all<{ integrity_check: string }>('PRAGMA integrity_check(20)')).map((r) => r.integrity_check);
    const version = await all<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version').then(
      (rows) => rows[0]?.v ?? 0,
      () => undefined,
    );
    const ok = integrity.length === 1 && integrity[0] === 'ok' && version !== undefined && version <= latestVersion;
    return { file, exists: true, integrity, ok, ...(version !== undefined ? { schemaVersion: version } : {}), latestVersion };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return { file, exists: true, integrity: [`${e.code ?? 'error'}: ${(e.message ?? String(err)).replace(/^SQLITE_\w+:\s*/, '')}`], ok: false, latestVersion };
  } finally {
    await new Promise<void>((resolve) => (conn ? conn.close(() => resolve()) : resolve()));
  }
}

/** The report printed by `planbot db check`. */
export function renderDatabaseCheck(c: DatabaseCheck): string {
  if (!c.exists) return `No database yet at ${c.file}: PlanBot creates it on first start.`;
  const lines = [`Database: ${c.file}`];
  lines.push(c.integrity.length === 1 && c.integrity[0] === 'ok' ? 'Integrity: ok' : `Integrity: FAILED\n${c.integrity.map((l) => `  ${l}`).join('\n')}`);
  if (c.schemaVersion === undefined) lines.push(`Schema: unreadable (this PlanBot expects version ${c.latestVersion})`);
  else if (c.schemaVersion > c.latestVersion) lines.push(`Schema: version ${c.schemaVersion}, newer than this PlanBot (${c.latestVersion}): upgrade PlanBot`);
  else lines.push(`Schema: version ${c.schemaVersion} of ${c.latestVersion}${c.schemaVersion < c.latestVersion ? ' (the rest is applied at the next start)' : ''}`);
  if (!c.ok) lines.push('Remedy: restore the file from a backup, or move it aside and restart (PlanBot then creates a new, empty one).');
  return lines.join('\n');
}
