import type { Assistant } from '../../answer/assistant.js';
import type { Permissions } from '../../chat/permissions.js';
import type { Logger } from '../../config/logger.js';
import type { IndexHolder } from '../../index/holder.js';
import { BoundedMap } from './bounded-map.js';
import { ConversationMemory } from './conversation-memory.js';
import { loggingFeedbackSink, type FeedbackSink } from './feedback.js';
import { InFlight } from './in-flight.js';
import type { SlackSettings } from './settings.js';

/** What the Slack app is built from. */
export interface SlackDeps {
  assistant: Assistant;
  settings: SlackSettings;
  permissions: Permissions;
  log: Logger;
  /** The index in service and where versions live, for `/plan reload`; without it the command says it is unavailable. */
  index?: { holder: IndexHolder; indexesDir: string };
  /** Where 👍/👎 go; default: logged only. */
  feedback?: FeedbackSink;
}

/** State shared by the app's handlers. */
export interface SlackRuntime {
  assistant: Assistant;
  permissions: Permissions;
  log: Logger;
  index?: SlackDeps['index'];
  feedback: FeedbackSink;
  memory: ConversationMemory;
  /** Messages already taken on (`channel:ts`): Slack retries and duplicate events never get a second answer. */
  answered: BoundedMap<string, true>;
  inFlight: InFlight;
}

export function createRuntime(deps: SlackDeps): SlackRuntime {
  const log = deps.log.child({ platform: 'slack' });
  return {
    assistant: deps.assistant,
    permissions: deps.permissions,
    log,
    ...(deps.index ? { index: deps.index } : {}),
    feedback: deps.feedback ?? loggingFeedbackSink(log),
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
