import path from 'node:path';
import type { Settings } from './settings.js';
import { QuestionLog } from '../services/questions/log.js';
import { Database, MEMORY } from '../services/storage/database.js';
import { StorageError } from '../services/storage/errors.js';
import type { DatabaseUnavailable } from '../services/storage/health.js';
import { DATABASE_FILE } from '../services/storage/open.js';
import { MIGRATIONS } from '../services/storage/schema.js';
import { StatusService } from '../services/status/service.js';
import { openDesk, Desk, type DeskDeps, type OpenDeskOptions } from '../services/desk/desk.js';

/** What an admin does about it; said in the log, /about and every refused status reply. */
const DATABASE_REMEDY = 'restore it from a backup, or move it aside and restart; `planbot db check` tells what is wrong';

/**
 * Opens status tracking and the question log; when the database cannot be used
 * (a read-only DATA_DIR, a file that is not a database, a damaged one) the bots still
 * start, in a degraded mode: questions are answered, status and logging are refused
 * with a note, /about and the log say what is wrong and what to do.
 */
export async function openDeskOrDegraded(settings: Settings, deps: DeskDeps, options: OpenDeskOptions = {}): Promise<Desk> {
  try {
    return await openDesk(settings, deps, options);
  } catch (err) {
    const unavailable = describeUnavailable(err, path.resolve(settings.dataDir, DATABASE_FILE));
    deps.log.error(
      { file: unavailable.file, reason: unavailable.reason, err: err instanceof Error ? err.message : String(err) },
      `database unavailable: running degraded (questions answered; status and the question log off). For ${unavailable.file}: ${DATABASE_REMEDY}`,
    );
    return openDegradedDesk(deps, unavailable);
  }
}

/** Desk over a private in-memory database that refuses every status request and logs nothing. */
async function openDegradedDesk(deps: DeskDeps, unavailable: DatabaseUnavailable): Promise<Desk> {
  const db = await Database.open(MEMORY, { migrations: MIGRATIONS });
  const status = new StatusService({ db, knowledge: deps.knowledge, permissions: deps.permissions, log: deps.log, unavailable });
  const questions = await QuestionLog.open(db, { retentionDays: 1, log: deps.log });
  return new Desk(db, status, questions, deps, unavailable);
}

/** A short reason for replies ("not an SQLite database"); the full message goes to the log. */
function describeUnavailable(err: unknown, fallbackFile: string): DatabaseUnavailable {
  const file = err instanceof StorageError ? err.file : fallbackFile;
  const code = (err as { code?: string } | undefined)?.code;
  const short: Record<string, string> = {
    SQLITE_NOTADB: 'the file is not an SQLite database',
    SQLITE_CORRUPT: 'the database file is damaged',
    SQLITE_READONLY: 'the file or its folder is read-only',
    SQLITE_PERM: 'permission denied',
    EACCES: 'permission denied',
    EPERM: 'the file or its folder is read-only',
    EROFS: 'the file system is read-only',
    SQLITE_CANTOPEN: 'the file cannot be opened or created',
    ENOTDIR: 'DATA_DIR is not a folder (part of its path is a file)',
    EEXIST: 'DATA_DIR is not a folder (part of its path is a file)',
    EISDIR: 'the database path is a folder',
    SQLITE_BUSY: 'another process holds a lock on it',
    SQLITE_FULL: 'the disk is full',
    SCHEMA_TOO_NEW: 'it was written by a newer PlanBot',
  };
  const message = err instanceof Error ? err.message : String(err);
  const reason = (code && short[code]) ?? (/malformed|corrupt/i.test(message) ? 'the database file is damaged' : /readonly|read-only/i.test(message) ? 'the file or its folder is read-only' : message.slice(0, 160));
  return { file, reason };
}
