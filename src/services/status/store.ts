import type { Queryable } from '../storage/database.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import { STATUS_VALUES, type ItemStatus, type StatusChange, type StatusRecord, type StatusUpdate, type UpdatedBy } from './model.js';

interface RecordRow {
  section_id: string;
  status: ItemStatus;
  owner: string;
  due_date: string | null;
  note: string;
  updated_platform: string;
  updated_user_id: string;
  updated_user_name: string;
  updated_at: string;
  section_title: string;
  missing_since: string | null;
}

interface HistoryRow extends Omit<RecordRow, 'section_title' | 'missing_since'> {
  id: number;
  previous_status: ItemStatus | null;
  source: 'command' | 'import';
}

export interface ApplyOptions {
  by: UpdatedBy;
  source?: 'command' | 'import';
  /** Section titles to remember with the records. */
  titles?: (sectionId: string) => string | undefined;
  now?: Date;
}

export interface AppliedChange {
  record: StatusRecord;
  previous?: StatusRecord;
  /** Number of history rows for the item, this change included. */
  changes: number;
}

/** A change that cannot be applied as asked (e.g. a first record without a status). */
export class StatusUpdateError extends Error {
  constructor(
    message: string,
    readonly sectionId: string,
  ) {
    super(message);
    this.name = 'StatusUpdateError';
  }
}

/**
 * Plan-item status records and their history. Each update reads the current row, writes
 * the new one and appends a history row inside one transaction, so concurrent updates
 * are applied one after another and history always matches the final state.
 */
export class StatusStore {
  constructor(private readonly db: SqlDatabase) {}

  async get(sectionId: string): Promise<StatusRecord | undefined> {
    const row = await this.db.get<RecordRow>('SELECT * FROM item_status WHERE section_id = ?', [sectionId]);
    return row ? toRecord(row) : undefined;
  }

  /** All records, or those with one status, in section-number order. */
  async list(status?: ItemStatus): Promise<StatusRecord[]> {
    const rows = status
      ? await this.db.all<RecordRow>('SELECT * FROM item_status WHERE status = ?', [status])
      : await this.db.all<RecordRow>('SELECT * FROM item_status');
    return rows.map(toRecord).sort((a, b) => compareSectionIds(a.sectionId, b.sectionId));
  }

  /** Newest first. */
  async history(sectionId: string, limit = 50): Promise<StatusChange[]> {
    const rows = await this.db.all<HistoryRow>('SELECT * FROM item_status_history WHERE section_id = ? ORDER BY id DESC LIMIT ?', [sectionId, limit]);
    return rows.map(toChange);
  }

  async changeCount(sectionId: string): Promise<number> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM item_status_history WHERE section_id = ?', [sectionId]);
    return row?.n ?? 0;
  }

  async apply(update: StatusUpdate, options: ApplyOptions): Promise<AppliedChange> {
    return this.db.transaction((tx) => applyOne(tx, update, options));
  }

  /**
   * Applies every update or none (one transaction): the CSV import. With `skipUnchanged`,
   * an update that would leave its record as it is writes nothing (re-importing an export
   * adds no history).
   */
  async applyAll(updates: readonly StatusUpdate[], options: ApplyOptions & { skipUnchanged?: boolean }): Promise<{ applied: AppliedChange[]; unchanged: string[] }> {
    return this.db.transaction(async (tx) => {
      const applied: AppliedChange[] = [];
      const unchanged: string[] = [];
      for (const update of updates) {
        if (options.skipUnchanged) {
          const row = await tx.get<RecordRow>('SELECT * FROM item_status WHERE section_id = ?', [update.sectionId]);
          if (isUnchanged(update, row ? toRecord(row) : undefined)) {
            unchanged.push(update.sectionId);
            continue;
          }
        }
        applied.push(await applyOne(tx, update, options));
      }
      return { applied, unchanged };
    });
  }

  /**
   * Marks records whose section is not among `currentIds` (it left the plan in a new
   * document version) and unmarks those that are back. Nothing is deleted.
   */
  async flagMissingSections(currentIds: Iterable<string>, now = new Date()): Promise<{ flagged: string[]; restored: string[] }> {
    const present = new Set(currentIds);
    return this.db.transaction(async (tx) => {
      const rows = await tx.all<{ section_id: string; missing_since: string | null }>('SELECT section_id, missing_since FROM item_status');
      const flagged: string[] = [];
      const restored: string[] = [];
      for (const row of rows) {
        const isPresent = present.has(row.section_id);
        if (!isPresent && row.missing_since === null) {
          await tx.run('UPDATE item_status SET missing_since = ? WHERE section_id = ?', [now.toISOString(), row.section_id]);
          flagged.push(row.section_id);
        } else if (isPresent && row.missing_since !== null) {
          await tx.run('UPDATE item_status SET missing_since = NULL WHERE section_id = ?', [row.section_id]);
          restored.push(row.section_id);
        }
      }
      return { flagged: flagged.sort(compareSectionIds), restored: restored.sort(compareSectionIds) };
    });
  }

  /** Items tracked and the latest change, for /about. */
  async summary(): Promise<{ tracked: number; missing: number; byStatus: Record<ItemStatus, number>; lastChange?: StatusChange }> {
    const counts = await this.db.all<{ status: ItemStatus; n: number; missing: number }>(
      'SELECT status, COUNT(*) AS n, SUM(CASE WHEN missing_since IS NOT NULL THEN 1 ELSE 0 END) AS missing FROM item_status GROUP BY status',
    );
    const byStatus = Object.fromEntries(STATUS_VALUES.map((s) => [s, 0])) as Record<ItemStatus, number>;
    let tracked = 0;
    let missing = 0;
    for (const c of counts) {
      byStatus[c.status] = c.n;
      tracked += c.n;
      missing += c.missing;
    }
    const last = await this.db.get<HistoryRow>('SELECT * FROM item_status_history ORDER BY id DESC LIMIT 1');
    return { tracked, missing, byStatus, ...(last ? { lastChange: toChange(last) } : {}) };
  }
}

async function applyOne(tx: Queryable, update: StatusUpdate, options: ApplyOptions): Promise<AppliedChange> {
  const at = (options.now ?? new Date()).toISOString();
  const row = await tx.get<RecordRow>('SELECT * FROM item_status WHERE section_id = ?', [update.sectionId]);
  const previous = row ? toRecord(row) : undefined;
  const status = update.status ?? previous?.status;
  if (!status) throw new StatusUpdateError(`§${update.sectionId} has no status yet, so the first update must give one.`, update.sectionId);
  const next: StatusRecord = {
    sectionId: update.sectionId,
    status,
    owner: update.owner ?? previous?.owner ?? '',
    ...(update.dueDate === null ? {} : update.dueDate !== undefined ? { dueDate: update.dueDate } : previous?.dueDate ? { dueDate: previous.dueDate } : {}),
    note: update.note ?? previous?.note ?? '',
    updatedBy: options.by,
    updatedAt: at,
    sectionTitle: options.titles?.(update.sectionId) ?? previous?.sectionTitle ?? '',
    ...(previous?.missingSince ? { missingSince: previous.missingSince } : {}),
  };
  const by = [next.updatedBy.platform, next.updatedBy.userId, next.updatedBy.displayName] as const;
  await tx.run(
    `INSERT INTO item_status (section_id, status, owner, due_date, note, updated_platform, updated_user_id, updated_user_name, updated_at, section_title)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (section_id) DO UPDATE SET status = excluded.status, owner = excluded.owner, due_date = excluded.due_date, note = excluded.note,
       updated_platform = excluded.updated_platform, updated_user_id = excluded.updated_user_id, updated_user_name = excluded.updated_user_name,
       updated_at = excluded.updated_at, section_title = excluded.section_title`,
    [next.sectionId, next.status, next.owner, next.dueDate ?? null, next.note, ...by, next.updatedAt, next.sectionTitle],
  );
  await tx.run(
    `INSERT INTO item_status_history (section_id, status, previous_status, owner, due_date, note, updated_platform, updated_user_id, updated_user_name, updated_at, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [next.sectionId, next.status, previous?.status ?? null, next.owner, next.dueDate ?? null, next.note, ...by, next.updatedAt, options.source ?? 'command'],
  );
  const count = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM item_status_history WHERE section_id = ?', [next.sectionId]);
  return { record: next, ...(previous ? { previous } : {}), changes: count?.n ?? 1 };
}

/** True when applying `update` would leave `record` as it is. */
export function isUnchanged(update: StatusUpdate, record: StatusRecord | undefined): boolean {
  if (!record) return false;
  return (
    (update.status === undefined || update.status === record.status) &&
    (update.owner === undefined || update.owner === record.owner) &&
    (update.note === undefined || update.note === record.note) &&
    (update.dueDate === undefined || (update.dueDate ?? undefined) === record.dueDate)
  );
}

function toRecord(row: RecordRow): StatusRecord {
  return {
    sectionId: row.section_id,
    status: row.status,
    owner: row.owner,
    ...(row.due_date ? { dueDate: row.due_date } : {}),
    note: row.note,
    updatedBy: { platform: row.updated_platform as UpdatedBy['platform'], userId: row.updated_user_id, displayName: row.updated_user_name },
    updatedAt: row.updated_at,
    sectionTitle: row.section_title,
    ...(row.missing_since ? { missingSince: row.missing_since } : {}),
  };
}

function toChange(row: HistoryRow): StatusChange {
  return {
    id: row.id,
    sectionId: row.section_id,
    status: row.status,
    ...(row.previous_status ? { previousStatus: row.previous_status } : {}),
    owner: row.owner,
    ...(row.due_date ? { dueDate: row.due_date } : {}),
    note: row.note,
    updatedBy: { platform: row.updated_platform as UpdatedBy['platform'], userId: row.updated_user_id, displayName: row.updated_user_name },
    updatedAt: row.updated_at,
    source: row.source,
  };
}

/** 4.2.9 before 4.2.10; the preamble (0) first; unnumbered ids after, by text. */
export function compareSectionIds(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  if (pa.some(Number.isNaN) || pb.some(Number.isNaN)) return a.localeCompare(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
