import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { StorageError } from './errors.js';
import { applyMigrations, type Migration } from './migrations.js';
import type { RunResult, SqlDatabase, SqlParams, SqlValue, Transaction } from './sql-database.js';

// The query types live in sql-database.ts (shared with PostgreSQL), so that module, migrations.ts
// and this one import each other one way only.
export type { Queryable, RunResult, SqlParams,  Transaction } from './sql-database.js';

export interface OpenDatabaseOptions {
  migrations: readonly Migration[];
  /** How long a statement waits for a lock held by another process before failing (ms). */
  busyTimeoutMs?: number;
  /** false: open without migrating (`planbot db status` looks before it migrates). */
  migrate?: boolean;
}

/** Database.open(MEMORY): a private in-memory database (the degraded mode's stand-in; nothing is kept). */
export const MEMORY = ':memory:';


/**
 * One SQLite connection with promises and a single queue: every statement and every
 * transaction runs alone, in arrival order. Two front ends updating the same item at
 * once therefore never interleave inside one another's transaction, and a reader never
 * sees half of an import. SQLite answers these small queries in well under a
 * millisecond, so one queue costs nothing noticeable and removes a class of bugs.
 */
export class Database implements SqlDatabase {
  readonly dialect = 'sqlite' as const;
  private tail: Promise<unknown> = Promise.resolve();
  private savepoints = 0;
  private closed = false;

  private constructor(
    private readonly conn: sqlite3.Database,
    readonly file: string,
  ) {}

  /** The file, for messages (SqlDatabase). */
  get location(): string {
    return this.file;
  }

  /**
   * Opens (creating if needed) the database file, turns on WAL, a busy timeout and foreign
   * keys, and applies pending migrations in one transaction. Any failure closes the
   * connection and throws a StorageError naming the file and the problem.
   */
  static async open(file: string, options: OpenDatabaseOptions): Promise<Database> {
    const memory = file === MEMORY;
    const resolved = memory ? MEMORY : path.resolve(file);
    if (!memory) prepareFolder(resolved);
    const conn = await new Promise<sqlite3.Database>((resolve, reject) => {
      const c = new sqlite3.Database(resolved, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (err) => (err ? reject(err) : resolve(c)));
    }).catch((err: unknown) => {
      throw storageError(resolved, 'cannot be opened', err);
    });
    const db = new Database(conn, resolved);
    try {
      conn.configure('busyTimeout', options.busyTimeoutMs ?? 5000);
      // The first real read: a file that is not a database fails here.
      const mode = await db.get<{ journal_mode: string }>(memory ? 'PRAGMA journal_mode' : 'PRAGMA journal_mode = WAL');
      if (!memory && mode?.journal_mode.toLowerCase() !== 'wal') throw new Error(`could not switch to WAL mode (got ${mode?.journal_mode ?? 'nothing'})`);
      await db.run('PRAGMA foreign_keys = ON');
      await db.run('PRAGMA synchronous = NORMAL');
    } catch (err) {
      await db.close().catch(() => undefined);
      throw storageError(resolved, 'cannot be opened', err);
    }
    if (options.migrate === false) return db;
    try {
      await applyMigrations(db, options.migrations);
    } catch (err) {
      await db.close().catch(() => undefined);
      if (err instanceof StorageError) throw err;
      throw storageError(resolved, 'could not be migrated to the current schema', err);
    }
    return db;
  }

  run(sql: string, params: SqlParams = []): Promise<RunResult> {
    return this.enqueue(() => this.rawRun(sql, params));
  }

  get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return this.enqueue(() => this.rawGet<T>(sql, params));
  }

  all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return this.enqueue(() => this.rawAll<T>(sql, params));
  }

  /** Several statements at once (migrations). No parameters: never pass user input here. */
  exec(sql: string): Promise<void> {
    return this.enqueue(() => this.rawExec(sql));
  }

  /**
   * Runs `body` as one transaction (BEGIN IMMEDIATE … COMMIT), alone in the queue; any
   * error rolls everything back and is rethrown. The body works through `tx` (its
   * statements skip the queue it holds); `tx.transaction` nests as a savepoint. Using
   * the Database itself inside the body would wait for the body: always use `tx`.
   */
  transaction<T>(body: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      let active = true;
      // Work the body started but did not await must not slip into the next transaction.
      const guard = <R>(work: () => Promise<R>): Promise<R> =>
        active ? work() : Promise.reject(new StorageError(`A statement ran after its transaction on ${this.file} had ended.`, this.file));
      const tx: Transaction = {
        run: (sql, params) => guard(() => this.rawRun(sql, params)),
        get: (sql, params) => guard(() => this.rawGet(sql, params)),
        all: (sql, params) => guard(() => this.rawAll(sql, params)),
        exec: (sql) => guard(() => this.rawExec(sql)),
        transaction: (inner) => guard(() => this.savepoint(tx, inner)),
      };
      try {
        await this.rawRun('BEGIN IMMEDIATE');
        try {
          const result = await body(tx);
          await this.rawRun('COMMIT');
          return result;
        } catch (err) {
          await this.rawRun('ROLLBACK').catch(() => undefined);
          throw err;
        }
      } finally {
        active = false;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail.catch(() => undefined);
    await new Promise<void>((resolve, reject) => this.conn.close((err) => (err ? reject(err) : resolve())));
  }

  private async savepoint<T>(tx: Transaction, body: (tx: Transaction) => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    await this.rawRun(`SAVEPOINT ${name}`);
    try {
      const result = await body(tx);
      await this.rawRun(`RELEASE ${name}`);
      return result;
    } catch (err) {
      await this.rawRun(`ROLLBACK TO ${name}`).catch(() => undefined);
      await this.rawRun(`RELEASE ${name}`).catch(() => undefined);
      throw err;
    }
  }

  /** Queues `work` behind everything before it. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StorageError(`The database ${this.file} is closed.`, this.file));
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private rawGet<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      this.conn.get<T>(sql, params as SqlValue[], (err, row) => (err ? reject(err) : resolve(row)));
    });
  }

  private rawAll<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      this.conn.all<T>(sql, params as SqlValue[], (err, rows) => (err ? reject(err) : resolve(rows)));
    });
  }

  private rawExec(sql: string): Promise<void> {
    return new Promise<void>((resolve, reject) => this.conn.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  private rawRun(sql: string, params: SqlParams = []): Promise<RunResult> {
    return new Promise<RunResult>((resolve, reject) => {
      this.conn.run(sql, params as SqlValue[], function (err) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastId: this.lastID });
      });
    });
  }
}

/** Creates the data folder; a path that cannot hold a database is reported before SQLite tries. */
function prepareFolder(file: string): void {
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw storageError(file, 'cannot be opened because its folder cannot be created', err);
  }
  try {
    if (statSync(file).isDirectory()) throw new StorageError(`The database ${file} cannot be opened: that path is a folder, not a file. Remove it or set DATA_DIR to another folder.`, file, 'EISDIR');
  } catch (err) {
    if (err instanceof StorageError) throw err;
    // ENOENT: a new database, created on open.
  }
}

/** Turns an SQLite or file-system error into a sentence an admin can act on. */
function storageError(file: string, what: string, err: unknown): StorageError {
  const e = err as NodeJS.ErrnoException & { code?: string };
  const code = e?.code;
  const raw = e instanceof Error ? e.message : String(err);
  const hints: Record<string, string> = {
    SQLITE_NOTADB: 'the file is not an SQLite database (or it is encrypted or damaged). Move it away and PlanBot will create a new one, or set DATA_DIR to another folder',
    SQLITE_CORRUPT: 'the database file is damaged. Restore it from a backup, or move it away to start a new one',
    SQLITE_CANTOPEN: 'SQLite cannot open the file. Check that DATA_DIR exists and is writable',
    SQLITE_READONLY: 'the file or its folder is read-only. Make DATA_DIR writable',
    SQLITE_PERM: 'permission denied. Make DATA_DIR writable',
    SQLITE_BUSY: 'another process holds a lock on it. Stop the other PlanBot process using the same DATA_DIR',
    SQLITE_FULL: 'the disk is full',
    EACCES: 'permission denied. Make DATA_DIR writable',
    EROFS: 'the file system is read-only. Set DATA_DIR to a writable folder',
    ENOTDIR: 'part of the path is a file, not a folder. Check DATA_DIR',
    EEXIST: 'part of the path is a file, not a folder. Check DATA_DIR',
  };
  const hint = (code && hints[code]) ?? raw;
  const detail = code && hints[code] ? ` (${raw.replace(/^SQLITE_\w+:\s*/, '')})` : '';
  return new StorageError(`The database ${file} ${what}: ${hint}${detail}.`, file, code);
}
