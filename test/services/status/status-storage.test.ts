import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../src/services/storage/database.js';
import { StorageError } from '../../../src/services/storage/errors.js';
import { schemaVersion } from '../../../src/services/storage/migrations.js';
import { DATABASE_FILE, openPlanbotDatabase } from '../../../src/services/storage/open.js';
import { MIGRATIONS } from '../../../src/services/storage/schema.js';
import { tempDir } from '../../helpers/status-fixture.js';

let root: string;
beforeAll(async () => {
  root = await tempDir('planbot-storage-');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function freshDir(name: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

describe('opening the database', () => {
  it('creates DATA_DIR/planbot.sqlite from nothing, in WAL mode with foreign keys, at the newest schema', async () => {
    const dataDir = path.join(root, 'fresh', 'nested', 'data');
    const db = await openPlanbotDatabase(dataDir);
    try {
      expect(db.file).toBe(path.join(dataDir, DATABASE_FILE));
      expect(await schemaVersion(db)).toBe(MIGRATIONS.length);
      expect((await db.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode).toBe('wal');
      expect((await db.get<{ foreign_keys: number }>('PRAGMA foreign_keys'))?.foreign_keys).toBe(1);
      const tables = (await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['schema_version', 'settings', 'item_status', 'item_status_history', 'question_log', 'question_citations', 'feedback']));
    } finally {
      await db.close();
    }
  });

  it('re-opening keeps every row and applies no migration twice', async () => {
    const dataDir = await freshDir('reopen');
    const first = await openPlanbotDatabase(dataDir);
    await first.run("INSERT INTO settings (key, value) VALUES ('k', 'kept')");
    await first.close();
    const second = await openPlanbotDatabase(dataDir);
    try {
      expect(await second.get('SELECT value FROM settings WHERE key = ?', ['k'])).toEqual({ value: 'kept' });
      expect((await second.all('SELECT version FROM schema_version')).length).toBe(MIGRATIONS.length);
    } finally {
      await second.close();
    }
  });

  it('applies only the migrations a database lacks, in order', async () => {
    const file = path.join(await freshDir('upgrade'), 'x.sqlite');
    const v1 = [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x TEXT);' }];
    const v2 = [...v1, { version: 2, name: 'two', sql: "ALTER TABLE a ADD COLUMN y TEXT NOT NULL DEFAULT 'new';" }];
    const old = await Database.open(file, { migrations: v1 });
    await old.run("INSERT INTO a (x) VALUES ('row')");
    await old.close();
    const upgraded = await Database.open(file, { migrations: v2 });
    try {
      expect(await upgraded.all('SELECT x, y FROM a')).toEqual([{ x: 'row', y: 'new' }]);
      expect(await schemaVersion(upgraded)).toBe(2);
    } finally {
      await upgraded.close();
    }
  });

  it('a migration that fails leaves the database as it was', async () => {
    const file = path.join(await freshDir('failing'), 'x.sqlite');
    const good = [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x TEXT);' }];
    await (await Database.open(file, { migrations: good })).close();
    const bad = [...good, { version: 2, name: 'two', sql: 'CREATE TABLE b (y TEXT); THIS IS NOT SQL;' }];
    const err = await Database.open(file, { migrations: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/could not be migrated/);
    const reopened = await Database.open(file, { migrations: good });
    try {
      expect(await schemaVersion(reopened)).toBe(1);
      expect(await reopened.all("SELECT name FROM sqlite_master WHERE name = 'b'")).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});

describe('a database that cannot be used stops start-up with the file and the problem', () => {
  it('a file that is not a database', async () => {
    const dataDir = await freshDir('not-a-db');
    const file = path.join(dataDir, DATABASE_FILE);
    await writeFile(file, 'These are meeting minutes, not a database.\n'.repeat(50));
    const err = await openPlanbotDatabase(dataDir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).message).toContain(file);
    expect((err as StorageError).message).toMatch(/not an SQLite database/);
    expect((err as StorageError).code).toBe('SQLITE_NOTADB');
  });

  it('a database from a newer PlanBot', async () => {
    const dataDir = await freshDir('newer');
    const db = await openPlanbotDatabase(dataDir);
    await db.run("INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");
    await db.close();
    const err = await openPlanbotDatabase(dataDir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toContain(path.join(dataDir, DATABASE_FILE));
    expect((err as Error).message).toContain(`schema version 99, newer than this PlanBot understands (${MIGRATIONS.at(-1)!.version})`);
  });

  it('an older database is migrated forward at start-up, keeping its rows', async () => {
    const dataDir = await freshDir('older');
    const file = path.join(dataDir, DATABASE_FILE);
    const v1 = await Database.open(file, { migrations: MIGRATIONS.slice(0, 1) });
    await v1.run("INSERT INTO question_log (ref, asked_at, platform, user_hash, question, abstained, latency_ms) VALUES ('r1', '2026-01-01T00:00:00Z', 'cli', 'h', 'kept?', 0, 1)");
    await v1.close();
    const db = await openPlanbotDatabase(dataDir);
    try {
      expect(await db.get('SELECT question, prompt_tokens FROM question_log WHERE ref = ?', ['r1'])).toEqual({ question: 'kept?', prompt_tokens: 0 });
      expect(await db.get('SELECT MAX(version) AS v FROM schema_version')).toEqual({ v: MIGRATIONS.at(-1)!.version });
    } finally {
      await db.close();
    }
  });

  it('a DATA_DIR that runs through a file', async () => {
    const dir = await freshDir('file-in-path');
    await writeFile(path.join(dir, 'data'), 'a file where a folder should be');
    const err = await openPlanbotDatabase(path.join(dir, 'data')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toContain(path.join(dir, 'data', DATABASE_FILE));
    expect((err as Error).message).toMatch(/not a folder/);
  });

  it('a database path that is a folder', async () => {
    const dataDir = await freshDir('folder');
    await mkdir(path.join(dataDir, DATABASE_FILE));
    await expect(openPlanbotDatabase(dataDir)).rejects.toThrow(/planbot\.sqlite cannot be opened: that path is a folder/);
  });

  // Root ignores file permissions, so this can only be checked as an ordinary user.
  it.skipIf(process.getuid?.() === 0)('a read-only DATA_DIR', async () => {
    const dataDir = await freshDir('read-only');
    await chmod(dataDir, 0o500);
    try {
      const err = await openPlanbotDatabase(dataDir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect((err as Error).message).toContain(path.join(dataDir, DATABASE_FILE));
      expect((err as Error).message).toMatch(/writable|read-only|permission/i);
    } finally {
      await chmod(dataDir, 0o700);
    }
  });
});

// Queries, transactions, savepoints and settingOrCreate: test/services/storage-spec.test.ts (SQLite and PostgreSQL).
