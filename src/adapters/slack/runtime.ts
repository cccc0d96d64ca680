import type { FrontEndServices } from '../shared/front-end-services.js';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { createUserRateLimiter, type UserRateLimiter } from '../shared/user-rate-limit.js';
import { claimInboundEventWithin, isLive, markLive, WORKER_ID } from '../../services/storage/inbound-events.js';
import { ConversationMemory } from './conversation-memory.js';
import { InFlight } from '../shared/in-flight.js';
import type { SlackSettings } from './settings.js';

/**
 * What the Slack app takes from the process's shared services (FrontEndServices):
 * the Assistant, the admin check, the live index with its re-index service, and
 * status tracking with the question log. A whole `BotServices` fits.
 */
export type SlackServices = FrontEndServices;

/** What the Slack app is built from. */
export interface SlackDeps {
  services: SlackServices;
  settings: SlackSettings;
  /** Least time between two edits of a streamed draft (default 1 s, within Slack's chat.update rate limits). */
  streamUpdateMs?: number;
}

/** State shared by the app's handlers. */
export interface SlackRuntime {
  services: SlackServices;
  settings: SlackSettings;
  log: Logger;
  /** True when answers are worded by a language model: mentions and DMs then stream a draft. */
  streams: boolean;
  streamUpdateMs: number;
  memory: ConversationMemory;
  /** Messages already taken on (`channel:ts`): Slack retries and duplicate events never get a second answer. */
  answered: LRUCache<string, true>;
  inFlight: InFlight;
  /** SLACK_RATE_LIMIT_PER_MINUTE questions per user (in PostgreSQL with DATABASE_URL, so across workers). */
  rateLimiter: UserRateLimiter;
}

const DEFAULT_STREAM_UPDATE_MS = 1000;

export function createRuntime(deps: SlackDeps): SlackRuntime {
  const log = deps.services.log.child({ platform: 'slack' });
  return {
    services: deps.services,
    settings: deps.settings,
    log,
    streams: deps.services.answerMode !== 'extractive',
    streamUpdateMs: deps.streamUpdateMs ?? DEFAULT_STREAM_UPDATE_MS,
    memory: new ConversationMemory(),
    // Slack retries within minutes; an hour of message keys is plenty.
    answered: new LRUCache({ max: 20_000, ttl: 60 * 60 * 1000 }),
    inFlight: new InFlight(),
    rateLimiter: createUserRateLimiter({ perMinute: deps.settings.rateLimitPerMinute ?? 0, platform: 'slack', db: deps.services.desk.db, log }),
  };
}

/**
 * True when this worker is the first to claim `key` in the database (inbound_events), so a
 * message delivered to two workers is answered by one. If the database cannot be reached
 * the message is answered (a reply twice beats none).
 */
export async function claimAcrossWorkers(rt: SlackRuntime, key: string): Promise<boolean> {
  try {
    const claimed = await claimInboundEventWithin(rt.services.desk.db, key, WORKER_ID);
    if (claimed === undefined) rt.log.warn('the database did not record the message in time: answering it anyway');
    return claimed ?? true;
  } catch (err) {
    rt.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not record the message as answered: answering it anyway');
    return true;
  }
}

/**
 * Threads the bot answered in, shared by the workers: a follow-up in the thread (no
 * mention) may reach a worker that did not answer the first question; it is answered
 * there too (without that worker having the earlier question in its memory).
 */
export async function markThreadAnswered(rt: SlackRuntime, conversation: string): Promise<void> {
  await markLive(rt.services.desk.db, `slack-thread:${conversation}`, WORKER_ID).catch((err: unknown) =>
    rt.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not record the thread for other workers'),
  );
}

export async function threadAnsweredElsewhere(rt: SlackRuntime, conversation: string): Promise<boolean> {
  return isLive(rt.services.desk.db, `slack-thread:${conversation}`).catch(() => false);
}

/** True the first time a message is seen; false for a retry or a duplicate delivery. */
export function claimMessage(rt: SlackRuntime, channel: string, ts: string): boolean {
  const key = `${channel}:${ts}`;
  if (rt.answered.has(key)) return false;
  rt.answered.set(key, true);
  return true;
}
