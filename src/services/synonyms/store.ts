import type { Actor, Platform } from '../access/actor.js';
import type { Queryable } from '../storage/database.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import { synonymKey } from './parse.js';

/** One taught pair, with who taught it and when. */
export interface TaughtSynonym {
  term: string;
  target: string;
  termKey: string;
  targetKey: string;
  taughtBy: { platform: Platform; userId: string; name: string };
  /** ISO-8601 UTC. */
  taughtAt: string;
}

interface Row {
  term: string;
  target: string;
  term_key: string;
  target_key: string;
  taught_platform: string;
  taught_user_id: string;
  taught_user_name: string;
  taught_at: string;
}

/** Bumped in the same transaction as every change, so other processes see that the list moved. */
const VERSION_KEY = 'taught_synonyms_version';

/**
 * Synonyms admins taught (table taught_synonyms, migration 3). One row per
 * (term, target), unique on their normalized forms, so 颱風 = 災害 and 台风 = 灾害
 * are the same pair.
 */
export class SynonymStore {
  constructor(readonly db: SqlDatabase) {}

  /** Adds the pairs that are new; returns which were added and which were already taught. */
  async add(term: string, targets: readonly string[], actor: Actor, at = new Date()): Promise<{ added: string[]; existing: string[] }> {
    const termKey = synonymKey(term);
    return this.db.transaction(async (tx) => {
      const added: string[] = [];
      const existing: string[] = [];
      for (const target of targets) {
        const { changes } = await tx.run(
          `INSERT INTO taught_synonyms (term, target, term_key, target_key, taught_platform, taught_user_id, taught_user_name, taught_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (term_key, target_key) DO NOTHING`,
          [term, target, termKey, synonymKey(target), actor.platform, actor.userId, actor.displayName ?? '', at.toISOString()],
        );
        (changes > 0 ? added : existing).push(target);
      }
      if (added.length > 0) await bumpVersion(tx);
      return { added, existing };
    });
  }

  /** Removes the given pairs; returns the stored pairs that were removed and the targets that were not taught. */
  async remove(term: string, targets: readonly string[]): Promise<{ removed: TaughtSynonym[]; missing: string[] }> {
    const termKey = synonymKey(term);
    return this.db.transaction(async (tx) => {
      const removed: TaughtSynonym[] = [];
      const missing: string[] = [];
      for (const target of targets) {
        const row = await tx.get<Row>('SELECT * FROM taught_synonyms WHERE term_key = ? AND target_key = ?', [termKey, synonymKey(target)]);
        if (!row) {
          missing.push(target);
          continue;
        }
        await tx.run('DELETE FROM taught_synonyms WHERE term_key = ? AND target_key = ?', [row.term_key, row.target_key]);
        removed.push(fromRow(row));
      }
      if (removed.length > 0) await bumpVersion(tx);
      return { removed, missing };
    });
  }

  /** Every taught pair, by term then in the order taught. */
  async list(): Promise<TaughtSynonym[]> {
    const rows = await this.db.all<Row>('SELECT * FROM taught_synonyms ORDER BY term_key, id');
    return rows.map(fromRow);
  }

  /** A number that changes whenever the list does (in this process or any other). */
  async version(): Promise<number> {
    const row = await this.db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [VERSION_KEY]);
    return Number(row?.value ?? 0);
  }
}

async function bumpVersion(tx: Pick<Queryable, 'run'>): Promise<void> {
  await tx.run(
    `INSERT INTO settings (key, value) VALUES (?, '1')
     ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
    [VERSION_KEY],
  );
}

function fromRow(r: Row): TaughtSynonym {
  return {
    term: r.term,
    target: r.target,
    termKey: r.term_key,
    targetKey: r.target_key,
    taughtBy: { platform: r.taught_platform as Platform, userId: r.taught_user_id, name: r.taught_user_name },
    taughtAt: r.taught_at,
  };
}
