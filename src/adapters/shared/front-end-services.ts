import type { Assistant } from '../../engine/answer/assistant.js';
import type { OpsEndpoints } from '../../services/ops/ops-http.js';
import type { Desk } from '../../services/desk/desk.js';
import type { Logger } from 'pino';
import type { ReindexService } from '../../services/reindex/service.js';
import type { SynonymService } from '../../services/synonyms/service.js';
import type { Permissions } from '../../services/access/permissions.js';

/**
 * What a chat front end (Telegram, Slack) takes from the process's shared services:
 * the Assistant, the admin check, status tracking with the question log, taught synonyms,
 * the re-index service and the answer mode for /about. The composition root's BotServices
 * (src/app/services.ts) fits; declared here so front ends need nothing from src/app/.
 */
export interface FrontEndServices {
  assistant: Assistant;
  permissions: Permissions;
  desk: Desk;
  /** /synonym: synonyms admins teach. */
  synonyms: SynonymService;
  /** 'extractive' or 'llm (<model>)', for /about. */
  answerMode: string;
  live: { reindex: ReindexService };
  log: Logger;
  /** GET /healthz and /metrics, served beside the webhook or Slack's HTTP receiver. */
  ops?: OpsEndpoints;
}
