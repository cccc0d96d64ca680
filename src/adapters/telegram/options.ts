import { createHmac } from 'node:crypto';

export interface TelegramWebhookSettings {
  /** Public URL Telegram posts to. */
  url: string;
  /** Path the local server answers on (the URL's path). */
  path: string;
  /** Value Telegram must send in X-Telegram-Bot-Api-Secret-Token. */
  secret: string;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
}

/** The Telegram part of the settings, as the bot needs it. */
export interface TelegramSettings {
  token: string;
  /** Bot API root, e.g. a self-hosted server or a test double; default https://api.telegram.org. */
  apiRoot?: string;
  /** Webhook mode when set; long polling otherwise. */
  webhook?: TelegramWebhookSettings;
  /** When set, only these chat ids are served. */
  allowedChatIds?: readonly string[];
  /** Questions per user per minute; 0 = unlimited. */
  rateLimitPerMinute: number;
  /** Least time between two edits of a streamed (LLM) draft; default 1 s. */
  streamEditIntervalMs?: number;
}

/** The TELEGRAM_* settings as src/app/settings.ts validated them. */
export interface TelegramEnvironment {
  TELEGRAM_BOT_TOKEN?: string | undefined;
  TELEGRAM_API_ROOT?: string | undefined;
  TELEGRAM_WEBHOOK_URL?: string | undefined;
  TELEGRAM_WEBHOOK_SECRET?: string | undefined;
  TELEGRAM_WEBHOOK_HOST: string;
  TELEGRAM_WEBHOOK_PORT: number;
  TELEGRAM_ALLOWED_CHAT_IDS: readonly string[];
  TELEGRAM_RATE_LIMIT_PER_MINUTE: number;
}

/** The Telegram settings when TELEGRAM_BOT_TOKEN is set, else undefined. */
export function telegramSettingsFrom(settings: TelegramEnvironment): TelegramSettings | undefined {
  const token = settings.TELEGRAM_BOT_TOKEN;
  if (!token) return undefined;
  const allowed = settings.TELEGRAM_ALLOWED_CHAT_IDS;
  return {
    token,
    ...(settings.TELEGRAM_API_ROOT ? { apiRoot: settings.TELEGRAM_API_ROOT } : {}),
    ...(settings.TELEGRAM_WEBHOOK_URL
      ? {
          webhook: {
            url: settings.TELEGRAM_WEBHOOK_URL,
            path: new URL(settings.TELEGRAM_WEBHOOK_URL).pathname || '/',
            secret: settings.TELEGRAM_WEBHOOK_SECRET ?? deriveWebhookSecret(token),
            host: settings.TELEGRAM_WEBHOOK_HOST,
            port: settings.TELEGRAM_WEBHOOK_PORT,
          },
        }
      : {}),
    ...(allowed.length > 0 ? { allowedChatIds: allowed } : {}),
    rateLimitPerMinute: settings.TELEGRAM_RATE_LIMIT_PER_MINUTE,
  };
}

/**
 * A webhook secret that stays the same across restarts without another setting
 * to manage; one-way, so it reveals nothing about the token.
 */
export function deriveWebhookSecret(token: string): string {
  return createHmac('sha256', token).update('planbot telegram webhook').digest('hex');
}
