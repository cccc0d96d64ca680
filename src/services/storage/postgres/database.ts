import pg from 'pg';
import type { RunResult, SqlParams, Transaction } from '../database.js';
import { StorageError } from '../errors.js';
import { numberedPlaceholders } from '../dialect.js';
import { applyMigrations, type Migration } from '../migrations.js';
import { redactSecret, redactUrl } from '../redact.js';
import type { SqlDatabase } from '../sql-database.js';

export interface OpenPostgresOptions {
  migrations: readonly Migration[];
  /** false: connect only (`planbot db status` looks before it migrates). */
  migrate?: boolean;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/**
 * Every transaction takes this transaction-scoped advisory lock first, so writers run one
 * at a time across every worker, as SQLite's BEGIN IMMEDIATE makes them within one file.
 * Status updates read then write (history records the previous status); serialising them
 * keeps history equal to the final state without retry loops. Reads outside a
 * transaction run in parallel on the pool.
 */
const WRITER_LOCK_KEY = 0x706c616e; // "plan"

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * COUNT(*) is a bigint and SUM over integers a bigint or numeric in PostgreSQL, which pg
 * returns as strings; PlanBot's counts fit a JS number, and SQLite returns numbers, so
 * both read back the same.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;

/** PostgreSQL through a pg Pool, behind the same interface as the SQLite Database. */
export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  readonly location: string;
  private savepoints = 0;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    url: string,
    private readonly password: string | undefined,
  ) {
    this.location = redactUrl(url);
  }

  /**
   * Connects (checking the server answers) and, unless told otherwise, applies pending
   * migrations: concurrent workers starting together migrate one at a time (the writer
   * lock). Failures throw a StorageError with the URL's password masked.
   */
  static async open(url: string, options: OpenPostgresOptions): Promise<PostgresDatabase> {
    const password = passwordOf(url);
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types, connectionTimeoutMillis: 10_000 });
    // An idle client whose server went away emits here; the next query reports the failure.
    pool.on('error', () => undefined);
    const db = new PostgresDatabase(pool, url, password);
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw db.storageError('cannot be reached', err);
    }
    if (options.migrate === false) return db;
    try {
      await applyMigrations(db, options.migrations);
    } catch (err) {
      await db.close().catch(() => undefined);
      if (err instanceof StorageError) throw err;
      throw db.storageError('could not be migrated to the current schema', err);
    }
    return db;
  }

  run(sql: string, params: SqlParams = []): Promise<RunResult> {
    return this.checked(() => runOn(this.pool, sql, params));
  }

  get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return this.checked(async () => (await queryOn<T>(this.pool, sql, params)).rows[0]);
  }

  all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return this.checked(async () => (await queryOn<T>(this.pool, sql, params)).rows);
  }

  exec(sql: string): Promise<void> {
    return this.checked(async () => {
      await this.pool.query(sql);
    });
  }

  /**
   * BEGIN, the writer lock, `body`, COMMIT on one pooled connection; any error rolls back
   * and is rethrown. `tx.transaction` nests as a savepoint.
   */
  transaction<T>(body: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.checked(async () => {
      const client = await this.pool.connect();
      let active = true;
      const guard = <R>(work: () => Promise<R>): Promise<R> =>
        active ? work() : Promise.reject(new StorageError(`A statement ran after its transaction on ${this.location} had ended.`, this.location));
      const tx: Transaction = {
        run: (sql, params = []) => guard(() => runOn(client, sql, params)),
        get: (sql, params = []) => guard(async () => (await queryOn<never>(client, sql, params)).rows[0]),
        all: (sql, params = []) => guard(async () => (await queryOn<never>(client, sql, params)).rows),
        exec: (sql) => guard(async () => void (await client.query(sql))),
        transaction: (inner) => guard(() => this.savepoint(client, tx, inner)),
      };
      let broken = false;
      try {
        await client.query('BEGIN');
        try {
          await client.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK_KEY]);
          const result = await body(tx);
          await client.query('COMMIT');
          return result;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {
            broken = true;
          });
          throw err;
        }
      } finally {
        active = false;
        client.release(broken);
      }
    });
  }

  /** The pool itself, for libraries that keep their own tables in the same database (rate-limiter-flexible). */
  get pgPool(): pg.Pool {
    return this.pool;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async savepoint<T>(client: pg.PoolClient, tx: Transaction, body: (tx: Transaction) => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    await client.query(`SAVEPOINT ${name}`);
    try {
      const result = await body(tx);
      await client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      await client.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
      await client.query(`RELEASE SAVEPOINT ${name}`).catch(() => undefined);
      throw err;
    }
  }

  /** Refuses work after close, and masks the password in any error that escapes. */
  private async checked<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StorageError(`The database ${this.location} is closed.`, this.location);
    try {
      return await work();
    } catch (err) {
      if (err instanceof Error && this.password) err.message = redactSecret(err.message, this.password);
      throw err;
    }
  }

  private storageError(what: string, err: unknown): StorageError {
    const e = err as { code?: string; message?: string };
    const raw = redactSecret(e?.message ?? String(err), this.password);
    const hints: Record<string, string> = {
      ECONNREFUSED: 'nothing answers at that host and port. Check that PostgreSQL is running and DATABASE_URL names it',
      ENOTFOUND: 'the host name does not resolve. Check DATABASE_URL',
      ETIMEDOUT: 'the server did not answer in time. Check the host, port and firewall',
      '28P01': 'the password was refused. Check the user and password in DATABASE_URL',
      '28000': 'the server refused this user. Check the user in DATABASE_URL and pg_hba.conf',
      '3D000': 'that database does not exist. Create it (createdb) or fix the name in DATABASE_URL',
    };
    const hint = e?.code ? hints[e.code] : undefined;
    return new StorageError(`The database ${this.location} ${what}: ${hint ? `${hint} (${raw})` : raw}.`, this.location, e?.code);
  }
}

function passwordOf(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password || undefined;
  } catch {
    return undefined;
  }
}

type Client = Pick<pg.Pool, 'query'> | pg.PoolClient;

function queryOn<T>(client: Client, sql: string, params: SqlParams): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
  return client.query<T & pg.QueryResultRow>(numberedPlaceholders(sql), params.map((v) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** `lastId` is the `id` a `RETURNING id` clause gave back (PostgreSQL has no last-insert id), else 0. */
async function runOn(client: Client, sql: string, params: SqlParams): Promise<RunResult> {
  const result = await queryOn<{ id?: unknown }>(client, sql, params);
  const id = result.rows[0]?.id;
  return { changes: result.rowCount ?? 0, lastId: typeof id === 'number' ? id : 0 };
}
