import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { IndexBusyError, type IndexLock, type IndexLocker, type LockInfo } from '../../../engine/index/lock.js';
import { redactSecret } from '../redact.js';

/** The advisory lock key of "one re-index at a time" (any constant both workers agree on). */
const REINDEX_LOCK_KEY = 0x72656964; // "reid"
/** Where the holder describes itself, for the other worker's "already running" message. */
const HOLDER_SETTING = 'reindex_lock_holder';

/**
 * One re-index at a time across every worker sharing DATABASE_URL: a session-level
 * PostgreSQL advisory lock, held on a dedicated connection for the whole build. If the
 * holder dies its connection closes and the server releases the lock: nothing stale to
 * clean up, whichever machine it ran on. The holder's description sits in the settings
 * table so the refused worker can say who is re-indexing.
 */
export function postgresIndexLocker(url: string): IndexLocker {
  let pool: pg.Pool | undefined;
  const connect = () => {
    // Separate from the query pool so a long build never holds one of its connections;
    // allowExitOnIdle: a CLI run ends without waiting for idle clients.
    if (!pool) {
      pool = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
      pool.on('error', () => undefined);
    }
    return pool.connect();
  };
  const password = (() => {
    try {
      return decodeURIComponent(new URL(url).password) || undefined;
    } catch {
      return undefined;
    }
  })();
  const masked = (err: unknown) => new Error(`Could not take the re-index lock in PostgreSQL: ${redactSecret(err instanceof Error ? err.message : String(err), password)}`);

  async function holder(client: pg.ClientBase): Promise<LockInfo | undefined> {
    // The description is a courtesy: a database not yet migrated (no settings table) just has none.
    try {
      const row = (await client.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [HOLDER_SETTING])).rows[0];
      return row ? (JSON.parse(row.value) as LockInfo) : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    async acquire(purpose: string): Promise<IndexLock> {
      const client = await connect().catch((err: unknown) => {
        throw masked(err);
      });
      try {
        const got = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [REINDEX_LOCK_KEY])).rows[0]?.ok;
        if (!got) {
          const info = await holder(client);
          client.release();
          throw new IndexBusyError(info ?? { pid: 0, hostname: 'another worker', startedAt: '?', purpose: 're-index', token: '' });
        }
        const info: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), purpose, token: randomBytes(8).toString('hex') };
        await client
          .query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [HOLDER_SETTING, JSON.stringify(info)])
          .catch(() => undefined);
        let released = false;
        return {
          info,
          async release() {
            if (released) return;
            released = true;
            try {
              await client.query('DELETE FROM settings WHERE key = $1 AND value = $2', [HOLDER_SETTING, JSON.stringify(info)]);
              await client.query('SELECT pg_advisory_unlock($1)', [REINDEX_LOCK_KEY]);
              client.release();
            } catch {
              // Closing the connection releases the lock on the server anyway.
              client.release(true);
            }
          },
        };
      } catch (err) {
        if (err instanceof IndexBusyError) throw err;
        client.release(true);
        throw masked(err);
      }
    },

    async current(): Promise<LockInfo | undefined> {
      const client = await connect().catch((err: unknown) => {
        throw masked(err);
      });
      try {
        const held = (await client.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = $1", [REINDEX_LOCK_KEY])).rows[0]?.n ?? 0;
        return held > 0 ? ((await holder(client)) ?? { pid: 0, hostname: 'another worker', startedAt: '?', purpose: 're-index', token: '' }) : undefined;
      } finally {
        client.release();
      }
    },
  };
}
