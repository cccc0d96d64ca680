import pg from 'pg';
import type { SharedPreviewStore } from '../../reindex/types.js';

/**
 * Re-index dry runs in PostgreSQL (table reindex_previews, migration 4), so an admin's
 * Confirm works on whichever worker the load balancer hands it to. A small pool of its
 * own: the re-index service exists before (and without) the bots' database.
 */
export function postgresPreviewStore(url: string): SharedPreviewStore {
  let pool: pg.Pool | undefined;
  const db = () => {
    if (!pool) {
      pool = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
      pool.on('error', () => undefined);
    }
    return pool;
  };
  return {
    async save(id, body, expiresAt) {
      const now = new Date().toISOString();
      await db().query('DELETE FROM reindex_previews WHERE expires_at <= $1', [now]);
      await db().query('INSERT INTO reindex_previews (id, body, expires_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET body = excluded.body, expires_at = excluded.expires_at', [
        id,
        body,
        expiresAt.toISOString(),
      ]);
    },
    async load(id) {
      const row = (await db().query<{ body: string }>('SELECT body FROM reindex_previews WHERE id = $1 AND expires_at > $2', [id, new Date().toISOString()])).rows[0];
      return row?.body;
    },
    async delete(id) {
      await db().query('DELETE FROM reindex_previews WHERE id = $1', [id]);
    },
  };
}
