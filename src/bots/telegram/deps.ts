import type { UserFromGetMe } from 'grammy/types';
import type { Assistant } from '../../answer/assistant.js';
import type { Permissions } from '../../chat/permissions.js';
import type { Logger } from '../../config/logger.js';
import type { IndexHolder } from '../../index/holder.js';
import type { TelegramSettings } from './options.js';

/** Everything the Telegram bot needs from the rest of the application. */
export interface TelegramDeps {
  assistant: Assistant;
  settings: TelegramSettings;
  /** The shared admin check (TELEGRAM_ADMIN_IDS). */
  permissions: Permissions;
  log: Logger;
  /** The index in service and where it lives on disk, for /reload. Without it /reload says it is unavailable. */
  index?: { holder: IndexHolder; indexesDir: string };
  /** The bot's identity when already known (skips getMe at start). */
  botInfo?: UserFromGetMe;
  /** Clock for the rate limit (tests). */
  now?: () => number;
}
