import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { processAlive } from './store.js';

/**
 * One re-index at a time, across every process sharing indexes/ (bots, CLI):
 * the lock is a file created with O_EXCL naming its holder. A lock whose
 * process is gone (killed, crashed) is stale and is taken over.
 */
export const LOCK_FILE = '.reindex.lock';

export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  /** What the holder is doing, for the "already running" message: 'rebuild', 'upload plan.docx', 'rollback'. */
  purpose: string;
  token: string;
}

/** The second of two simultaneous re-index requests gets this, naming the one that is running. */
export class IndexBusyError extends Error {
  constructor(readonly holder: LockInfo) {
    super(`A re-index is already running (${holder.purpose}, started ${holder.startedAt} by process ${holder.pid}${holder.hostname !== os.hostname() ? ` on ${holder.hostname}` : ''}). Try again when it has finished.`);
    this.name = 'IndexBusyError';
  }
}

export interface IndexLock {
  readonly info: LockInfo;
  release(): Promise<void>;
}

/**
 * Where the one-re-index-at-a-time lock lives: this file lock by default, a PostgreSQL
 * advisory lock when workers share a DATABASE_URL (src/services/storage/postgres/advisory-lock.ts).
 */
export interface IndexLocker {
  /** Takes the lock or throws IndexBusyError naming the holder. */
  acquire(purpose: string): Promise<IndexLock>;
  /** The lock in force, if any. */
  current(): Promise<LockInfo | undefined>;
}

export function fileIndexLocker(indexesDir: string): IndexLocker {
  return { acquire: (purpose) => acquireIndexLock(indexesDir, purpose), current: () => currentIndexLock(indexesDir) };
}

/** Locks held by this process: a lock file naming our own pid that is not in here is a leftover of an earlier process. */
const heldHere = new Set<string>();

/** A lock from another machine cannot be checked by pid; after this long it is presumed abandoned. */
const FOREIGN_STALE_MS = 6 * 60 * 60 * 1000;
/** A lock file being written by its creator may briefly be empty. */
const WRITING_GRACE_MS = 5_000;

export async function acquireIndexLock(indexesDir: string, purpose: string): Promise<IndexLock> {
  await mkdir(indexesDir, { recursive: true });
  const file = path.join(indexesDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), purpose, token: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(info));
      } finally {
        await handle.close();
      }
      heldHere.add(file);
      return { info, release: () => releaseLock(file, info.token) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readLock(file);
    if (holder && !(await isStale(file, holder))) throw new IndexBusyError(holder);
    // Stale: the holder is gone. Remove it and try again.
    await unlink(file).catch(() => undefined);
  }
  const holder = await readLock(file);
  throw new IndexBusyError(holder ?? { ...info, purpose: 'unknown', pid: 0 });
}

/** The lock in force, if any (a stale one counts as none). */
async function currentIndexLock(indexesDir: string): Promise<LockInfo | undefined> {
  const file = path.join(indexesDir, LOCK_FILE);
  const holder = await readLock(file);
  return holder && !(await isStale(file, holder)) ? holder : undefined;
}

async function releaseLock(file: string, token: string): Promise<void> {
  heldHere.delete(file);
  const holder = await readLock(file);
  // Only remove our own lock: a stale-lock takeover may have replaced it.
  if (holder?.token === token) await unlink(file).catch(() => undefined);
}

async function readLock(file: string): Promise<LockInfo | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.token === 'string') {
      return { pid: parsed.pid, hostname: String(parsed.hostname ?? ''), startedAt: String(parsed.startedAt ?? ''), purpose: String(parsed.purpose ?? 're-index'), token: parsed.token };
    }
  } catch {
    // fall through: unreadable
  }
  // Empty or damaged: being written right now, or left by a crash mid-write.
  const age = await stat(file).then((s) => Date.now() - s.mtimeMs, () => Infinity);
  return age < WRITING_GRACE_MS ? { pid: 0, hostname: os.hostname(), startedAt: new Date().toISOString(), purpose: 're-index', token: '' } : undefined;
}

async function isStale(file: string, holder: LockInfo): Promise<boolean> {
  if (holder.hostname !== os.hostname()) {
    const age = await stat(file).then((s) => Date.now() - s.mtimeMs, () => Infinity);
    return age > FOREIGN_STALE_MS;
  }
  if (holder.pid === 0) return false; // being written
  if (holder.pid === process.pid) return !heldHere.has(file);
  return !processAlive(holder.pid);
}
