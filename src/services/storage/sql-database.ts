/** A value SQLite can bind. Every query takes its values through parameters, never by string building. */
export type SqlValue = string | number | bigint | null | Buffer;
export type SqlParams = readonly SqlValue[];

export interface RunResult {
  changes: number;
  lastId: number;
}

/** What a transaction body (or any caller) can do with the connection. */
export interface Queryable {
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
}

/** What a transaction's body works with: statements run inside it, and a nested transaction is a savepoint. */
export interface Transaction extends Queryable {
  /** Several statements at once (migrations). No parameters: never pass user input here. */
  exec(sql: string): Promise<void>;
  transaction<T>(body: (tx: Transaction) => Promise<T>): Promise<T>;
}

/** The SQL engines PlanBot stores its data in. */
export type Dialect = 'sqlite' | 'postgres';

/**
 * What the services (status store, question log, desk, dedup) work against: SQLite
 * (`Database`, the embedded default) or PostgreSQL (`PostgresDatabase`, with DATABASE_URL).
 *
 * SQL passed here is written once for both: `?` placeholders (turned into `$1, $2, …` for
 * PostgreSQL by the driver), `ON CONFLICT … DO NOTHING/UPDATE` rather than `INSERT OR …`,
 * `RETURNING id` rather than a last-insert id, and no boolean arithmetic
 * (`SUM(CASE WHEN … THEN 1 ELSE 0 END)`, not `SUM(x = 1)`). Both engines accept that SQL.
 * Schema differences live in one place: src/services/storage/dialect.ts.
 */
export interface SqlDatabase extends Queryable {
  readonly dialect: Dialect;
  /** Where the data is, safe to log: the SQLite file, or the PostgreSQL URL without its password. */
  readonly location: string;
  /** Several statements at once (migrations). No parameters: never pass user input here. */
  exec(sql: string): Promise<void>;
  /** One transaction, writers one at a time (as SQLite's BEGIN IMMEDIATE); nested calls are savepoints. */
  transaction<T>(body: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
