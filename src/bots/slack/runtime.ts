import type { FrontEndServices } from '../../chat/front-end-services.js';
import type { Logger } from '../../config/logger.js';
import { BoundedMap } from './bounded-map.js';
import { ConversationMemory } from './conversation-memory.js';
import { InFlight } from './in-flight.js';
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
  answered: BoundedMap<string, true>;
  inFlight: InFlight;
}

export const DEFAULT_STREAM_UPDATE_MS = 1000;

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
    answered: new BoundedMap(20_000, 60 * 60 * 1000),
    inFlight: new InFlight(),
  };
}

/** True the first time a message is seen; false for a retry or a duplicate delivery. */
export function claimMessage(rt: SlackRuntime, channel: string, ts: string): boolean {
  const key = `${channel}:${ts}`;
  if (rt.answered.has(key)) return false;
  rt.answered.set(key, true);
  return true;
}
