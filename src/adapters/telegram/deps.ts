import type { UserFromGetMe } from 'grammy/types';
import type { FrontEndServices } from '../shared/front-end-services.js';
import type { Logger } from 'pino';
import type { TelegramSettings } from './options.js';

/**
 * What the Telegram bot takes from the process's BotServices: the Assistant, the
 * shared admin check, status tracking and the question log, taught synonyms, the re-index service,
 * and the answer mode for /about.
 */
export type TelegramServices = Omit<FrontEndServices, 'log'>;

/** Everything the Telegram bot needs from the rest of the application. */
export interface TelegramDeps extends TelegramServices {
  settings: TelegramSettings;
  log: Logger;
  /** The bot's identity when already known (skips getMe at start). */
  botInfo?: UserFromGetMe;
  /** Clock for the rate limit (tests). */
  now?: () => number;
}

/** The bot's deps from the process's services (bots.ts), with its own settings and a `bot: "telegram"` logger. */
export function telegramDeps(services: TelegramServices & { log: Logger }, settings: TelegramSettings): TelegramDeps {
  return {
    assistant: services.assistant,
    permissions: services.permissions,
    desk: services.desk,
    synonyms: services.synonyms,
    answerMode: services.answerMode,
    live: services.live,
    ...(services.ops ? { ops: services.ops } : {}),
    settings,
    log: services.log.child({ bot: 'telegram' }),
  };
}
