import os from 'node:os';
import type { Queryable } from './database.js';

/** This process, as recorded with the events it claims. */
export const WORKER_ID = `${os.hostname()}:${process.pid}`;

/** How long a claim is kept: Slack retries within minutes, Telegram re-sends an update for up to 24 hours. */
export const INBOUND_EVENT_TTL_MS = 24 * 3600_000;

/**
 * Claims an inbound event (`slack:<event_id>`, `telegram:<bot id>:<update_id>`) for this
 * worker: true for the first claim, false when another delivery (a retry, or the same
 * update sent to the other worker) already has it. One INSERT … ON CONFLICT, atomic on
 * both engines; an expired claim is taken over in the same statement.
 */
export async function claimInboundEvent(db: Queryable, key: string, worker: string, options: { now?: Date; ttlMs?: number } = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  const expires = new Date(now.getTime() + (options.ttlMs ?? INBOUND_EVENT_TTL_MS));
  const { changes } = await db.run(
    `INSERT INTO inbound_events (event_key, worker, received_at, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (event_key) DO UPDATE SET worker = excluded.worker, received_at = excluded.received_at, expires_at = excluded.expires_at
     WHERE inbound_events.expires_at <= excluded.received_at`,
    [key, worker, now.toISOString(), expires.toISOString()],
  );
  return changes === 1;
}

/** How long a claim may take before the message is answered anyway (a locked SQLite file must not hold up replies). */
const CLAIM_WAIT_MS = 3000;

/**
 * claimInboundEvent bounded in time: a database that is locked by another process or
 * slow answers `undefined` after `waitMs`, and the caller answers the message anyway
 * (a reply twice beats none, and beats a reply 5 s late to everyone).
 */
export function claimInboundEventWithin(db: Queryable, key: string, worker: string, waitMs = CLAIM_WAIT_MS): Promise<boolean | undefined> {
  return claimWithin(claimInboundEvent(db, key, worker), waitMs);
}

/** A claim under way (claimInboundEvent, InboundClaimBatcher), or `undefined` after `waitMs` (see claimInboundEventWithin). */
export async function claimWithin(claim: Promise<boolean>, waitMs = CLAIM_WAIT_MS): Promise<boolean | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), waitMs);
    timer.unref();
  });
  // The claim may still fail after the deadline: nobody waits for it then, so its error is dropped here.
  claim.catch(() => undefined);
  try {
    return await Promise.race([claim, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Deletes expired claims (run now and then; the table otherwise grows by one row per message). */
export async function pruneInboundEvents(db: Queryable, now = new Date()): Promise<number> {
  return (await db.run('DELETE FROM inbound_events WHERE expires_at <= ?', [now.toISOString()])).changes;
}

/**
 * Marks `key` as live until `ttlMs` from now (a later mark extends it): e.g. a Slack thread
 * the bot answered in, so a follow-up that reaches another worker is still answered.
 */
export async function markLive(db: Queryable, key: string, worker: string, options: { now?: Date; ttlMs?: number } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const expires = new Date(now.getTime() + (options.ttlMs ?? INBOUND_EVENT_TTL_MS));
  await db.run(
    `INSERT INTO inbound_events (event_key, worker, received_at, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (event_key) DO UPDATE SET worker = excluded.worker, received_at = excluded.received_at, expires_at = excluded.expires_at`,
    [key, worker, now.toISOString(), expires.toISOString()],
  );
}

/** True while a key marked (or claimed) is unexpired. */
export async function isLive(db: Queryable, key: string, now = new Date()): Promise<boolean> {
  return (await db.get<{ one: number }>('SELECT 1 AS one FROM inbound_events WHERE event_key = ? AND expires_at > ?', [key, now.toISOString()])) !== undefined;
}
