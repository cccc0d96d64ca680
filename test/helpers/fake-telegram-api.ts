import type { User } from 'grammy/types';
import pino from 'pino';
import type { Logger } from 'pino';
import type { TelegramServices } from '../../src/adapters/telegram/deps.js';
import { FakeTelegramApi } from '../fakes/telegram-bot-api.js';
import type { TelegramSettings } from '../../src/adapters/telegram/options.js';
import { startTelegram, type RunningTelegramBot } from '../../src/adapters/telegram/start.js';

// One implementation of the fake Bot API: the bench uses it too, so it lives in src/.
export { FAKE_BOT,  FakeTelegramApi, parseTelegramHtml, type ApiCall, type FakeChat } from '../fakes/telegram-bot-api.js';
import { parseTelegramHtml, type ApiCall, type FakeChat } from '../fakes/telegram-bot-api.js';

let nextUserId = 100_000;

/** A Telegram user for a test; each call gives a new id. */
export function testUser(overrides: Partial<User> = {}): User {
  const id = nextUserId++;
  return { id, is_bot: false, first_name: `User${id}`, language_code: 'zh-hant', ...overrides };
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A real pino logger whose lines the test can read (and check for secrets). */
export function memoryLogger(): { log: Logger; lines: LogLine[]; raw: string[] } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const log = pino(
    { level: 'debug', redact: { paths: ['*.token', 'TELEGRAM_BOT_TOKEN'], censor: '[redacted]' } },
    { write: (s: string) => void (raw.push(s), lines.push(JSON.parse(s) as LogLine)) },
  );
  return { log, lines, raw };
}

export interface BotOnFake {
  fake: FakeTelegramApi;
  running: RunningTelegramBot;
  logs: ReturnType<typeof memoryLogger>;
  stop(): Promise<void>;
}

/**
 * A fake Bot API and PlanBot's Telegram bot polling it (real grammY and runner),
 * ready for updates. `services` are real BotServices (test/helpers/telegram-services.ts);
 * who is an admin is decided by their permissions.
 */
export async function startBotOnFake(options: { services: TelegramServices; settings?: Partial<TelegramSettings>; now?: () => number }): Promise<BotOnFake> {
  const fake = await FakeTelegramApi.start();
  const logs = memoryLogger();
  const { assistant, permissions, desk, synonyms, answerMode, live } = options.services;
  const running = await startTelegram({
    assistant,
    permissions,
    desk,
    synonyms,
    answerMode,
    live,
    settings: { token: fake.token, apiRoot: fake.apiRoot, rateLimitPerMinute: 0, ...options.settings },
    log: logs.log,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    fake,
    running,
    logs,
    async stop() {
      await running.stop();
      await fake.close();
    },
  };
}

/** The text a user sees in a sent message (its HTML parsed, as Telegram would); a malformed message fails the test. */
export function seen(call: ApiCall): string {
  const parsed = parseTelegramHtml(String(call.payload.text));
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.text;
}

/** The callback data of a message's inline buttons, in order. */
export function buttonData(call: ApiCall): string[] {
  const markup = call.payload.reply_markup as { inline_keyboard: { callback_data?: string }[][] } | undefined;
  return (markup?.inline_keyboard.flat() ?? []).map((b) => b.callback_data ?? '');
}

/** The message id the fake API gave a sent message. */
export const messageId = (call: ApiCall) => (call.result as { message_id: number }).message_id;

/** A user sends `text` in `chat`; resolves with the bot's next message there. */
export async function sayTo(b: BotOnFake, chat: FakeChat, from: User, text: string, options: { replyTo?: number } = {}): Promise<ApiCall> {
  const mark = b.fake.mark();
  b.fake.sendText(chat, from, text, options);
  return b.fake.waitForMessage(chat.id, { after: mark });
}
