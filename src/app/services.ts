import type { Assistant } from '../answer/assistant.js';
import { Permissions } from '../chat/permissions.js';
import type { Logger } from '../config/logger.js';
import type { Settings } from '../config/settings.js';
import { describeAnswerMode } from '../llm/mode.js';
import { createAssistant } from './assistant.js';
import type { SynonymService } from '../synonyms/service.js';
import { openLiveKnowledge, type LiveKnowledge } from './live.js';
import { openSynonyms } from './synonyms.js';
import { openTrackingOrDegraded } from './degraded.js';
import type { Tracking } from './tracking.js';

/**
 * Everything a long-running front end needs, opened once per process and shared by
 * Telegram and Slack: the live index (hot-swapped on re-index), the one Assistant,
 * the admin check, status tracking and the question log.
 */
export interface BotServices {
  settings: Settings;
  log: Logger;
  live: LiveKnowledge;
  assistant: Assistant;
  permissions: Permissions;
  tracking: Tracking;
  /** /synonym: synonyms admins teach, applied at once (and seen within INDEX_WATCH_MS when taught by another process). */
  synonyms: SynonymService;
  /** 'extractive' or 'llm (<model>)', for /about. */
  answerMode: string;
  close(): Promise<void>;
}

/** For tests and embedders: parts to use instead of the ones built from the environment. */
export interface BotServicesOptions {
  /** Default: Permissions.fromEnv() (TELEGRAM_ADMIN_IDS, SLACK_ADMIN_IDS). */
  permissions?: Permissions;
}

export async function openBotServices(settings: Settings, log: Logger, options: BotServicesOptions = {}): Promise<BotServices> {
  const live = await openLiveKnowledge(settings, log, { buildIfMissing: true });
  const permissions = options.permissions ?? Permissions.fromEnv();
  let tracking: Tracking;
  try {
    // A database that cannot be used does not stop start-up: the bots run degraded (src/app/degraded.ts).
    tracking = await openTrackingOrDegraded(settings, { knowledge: live.holder, permissions, log });
  } catch (err) {
    live.close();
    throw err;
  }
  let synonyms: Awaited<ReturnType<typeof openSynonyms>>;
  try {
    synonyms = await openSynonyms({ db: tracking.db, questions: tracking.questions, knowledge: live.holder, permissions, settings, log }, { watch: true });
  } catch (err) {
    live.close();
    await tracking.close();
    throw err;
  }
  // One expander (taught synonyms, then the dictionary bridge) for the Assistant and the replays.
  const assistant = await createAssistant(live.holder, settings, log, synonyms.expander ? { expander: synonyms.expander } : {});
  return {
    settings,
    log,
    live,
    assistant,
    permissions,
    tracking,
    synonyms: synonyms.service,
    answerMode: describeAnswerMode(settings),
    close: async () => {
      live.close();
      synonyms.taught.stop();
      await tracking.close();
    },
  };
}
