import type { Assistant } from '../engine/answer/assistant.js';
import { Permissions } from '../services/access/permissions.js';
import type { Logger } from 'pino';
import type { Settings } from './settings.js';
import { describeAnswerMode } from '../engine/llm/mode.js';
import { createAssistant } from './assistant.js';
import type { SynonymService } from '../services/synonyms/service.js';
import { HealthCheck } from '../services/ops/health.js';
import { Metrics } from '../services/ops/metrics.js';
import type { OpsEndpoints } from '../services/ops/ops-http.js';
import { openLiveKnowledge, type LiveKnowledge } from './live.js';
import { openSynonyms } from './synonyms.js';
import { openDeskOrDegraded } from './degraded.js';
import type { Desk } from '../services/desk/desk.js';

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
  desk: Desk;
  /** /synonym: synonyms admins teach, applied at once (and seen within INDEX_WATCH_MS when taught by another process). */
  synonyms: SynonymService;
  /** 'extractive' or 'llm (<model>)', for /about. */
  answerMode: string;
  /** GET /healthz and GET /metrics; started bots add their probes to `ops.health`. */
  ops: OpsEndpoints;
  close(): Promise<void>;
}

/** For tests and embedders: parts to use instead of the ones built from the environment. */
export interface BotServicesOptions {
  /** Default: Permissions.fromSettings(settings) (TELEGRAM_ADMIN_IDS, SLACK_ADMIN_IDS). */
  permissions?: Permissions;
}

export async function openBotServices(settings: Settings, log: Logger, options: BotServicesOptions = {}): Promise<BotServices> {
  // The re-index service reports into the metrics, and the metrics read the version from the index: bind late.
  let versionInService = (): string | undefined => undefined;
  const metrics = new Metrics(() => versionInService());
  const live = await openLiveKnowledge(settings, log, { buildIfMissing: true, onRun: (kind, result) => metrics.reindexRun(kind, result) });
  const permissions = options.permissions ?? Permissions.fromSettings(settings);
  let desk: Desk;
  try {
    // A database that cannot be used does not stop start-up: the bots run degraded (src/app/degraded.ts).
    desk = await openDeskOrDegraded(settings, { knowledge: live.holder, permissions, log, metrics });
  } catch (err) {
    live.close();
    throw err;
  }
  let synonyms: Awaited<ReturnType<typeof openSynonyms>>;
  try {
    synonyms = await openSynonyms({ db: desk.db, questions: desk.questions, knowledge: live.holder, permissions, settings, log }, { watch: true });
  } catch (err) {
    live.close();
    await desk.close();
    throw err;
  }
  // One expander (taught synonyms, then the dictionary bridge) for the Assistant and the replays.
  const assistant = await createAssistant(live.holder, settings, log, synonyms.expander ? { expander: synonyms.expander } : {});
  versionInService = () => live.holder.current().version;
  const health = new HealthCheck({ indexVersion: versionInService, databaseReachable: () => desk.databaseReachable() });
  return {
    settings,
    log,
    live,
    assistant,
    permissions,
    desk,
    synonyms: synonyms.service,
    answerMode: describeAnswerMode(settings),
    ops: { health, metrics },
    close: async () => {
      live.close();
      synonyms.taught.stop();
      await desk.close();
    },
  };
}
