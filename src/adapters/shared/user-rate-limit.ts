import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import type { SqlDatabase } from '../../services/storage/sql-database.js';

/** What to do with a request: serve it, tell the user to slow down (once per window), or drop it silently. */
type RateDecision = { ok: true } | { ok: false; notify: boolean; retryInSeconds: number };

/** A per-user limit on questions, shared by every worker when the database is PostgreSQL. */
export interface UserRateLimiter {
  take(userKey: string): Promise<RateDecision>;
}

export interface UserRateLimiterOptions {
  /** Requests per user per minute; 0 turns the limit off. */
  perMinute: number;
  /** 'telegram', 'slack': keeps the platforms' counts apart. */
  platform: string;
  /** PlanBot's database: on PostgreSQL the counts live there (table rate_limits), so the limit holds across workers. */
  db?: SqlDatabase;
  log?: Logger;
}

/** The table rate-limiter-flexible keeps PostgreSQL counts in (it creates it if needed). */
const RATE_LIMIT_TABLE = 'rate_limits';

/**
 * At most `perMinute` questions per user in a window of 60 s that starts with their first
 * question (rate-limiter-flexible: its PostgreSQL store with DATABASE_URL, its memory store
 * otherwise). The first request past the limit gets a notice and the rest of the window's
 * are dropped quietly, so a flood never turns into a flood of notices, even across
 * workers. If the store cannot be reached the request is served (logged): a database
 * hiccup must not silence the bot.
 */
export function createUserRateLimiter(options: UserRateLimiterOptions): UserRateLimiter {
  if (options.perMinute <= 0) return { take: async () => ({ ok: true }) };
  const base = { points: options.perMinute, duration: 60, keyPrefix: `planbot:${options.platform}` };
  const pool = options.db?.dialect === 'postgres' ? (options.db as SqlDatabase & { pgPool?: unknown }).pgPool : undefined;
  let ready: Promise<RateLimiterAbstract>;
  if (pool) {
    ready = new Promise((resolve, reject) => {
      const limiter: RateLimiterPostgres = new RateLimiterPostgres(
        { ...base, storeClient: pool, storeType: 'pool', tableName: RATE_LIMIT_TABLE, clearExpiredByTimeout: true },
        (err?: Error) => (err ? reject(err) : resolve(limiter)),
      );
    });
    // Reported on first use; keeps an early failure from being an unhandled rejection.
    ready.catch(() => undefined);
  } else {
    ready = Promise.resolve(new RateLimiterMemory(base));
  }
  return {
    async take(userKey) {
      try {
        await (await ready).consume(userKey, 1);
        return { ok: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { ok: false, notify: rejection.consumedPoints === options.perMinute + 1, retryInSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        options.log?.error({ err: rejection instanceof Error ? rejection.message : String(rejection), platform: options.platform }, 'rate limit store failed: request served unlimited');
        return { ok: true };
      }
    },
  };
}
