import { Assistant } from '../answer/assistant.js';
import { Permissions } from '../chat/permissions.js';
import { createLogger, type Logger } from '../config/logger.js';
import type { Settings } from '../config/settings.js';
import { IndexHolder } from '../index/holder.js';
import { openKnowledge } from './open.js';
// --- Telegram ---
import { startTelegram, telegramSettingsFrom } from '../bots/telegram/index.js';

/** True when at least one chat platform is configured (then `npm start` runs bots, not the local chat). */
export function botsConfigured(settings: Settings, env: NodeJS.ProcessEnv = process.env): boolean {
  void settings;
  return Boolean(env.TELEGRAM_BOT_TOKEN || env.SLACK_BOT_TOKEN);
}

/** What every bot gets: one index, one Assistant, one permission check, shared by all platforms. */
export interface BotServices {
  settings: Settings;
  log: Logger;
  holder: IndexHolder;
  assistant: Assistant;
  permissions: Permissions;
}

/** A started bot: `stop` stops taking new messages and resolves when answers in progress are sent. */
interface RunningBot {
  name: string;
  stop(): Promise<void>;
}

/** Starts the bots whose settings are present, adding each to `running` as it starts. Each platform has its own block. */
async function startBots(services: BotServices, running: RunningBot[]): Promise<void> {
  const { settings, log, holder, assistant, permissions } = services;

  // --- Telegram ---
  const telegram = telegramSettingsFrom(settings);
  if (telegram) {
    const bot = await startTelegram({ assistant, settings: telegram, permissions, log: log.child({ bot: 'telegram' }), index: { holder, indexesDir: settings.indexesDir } });
    running.push({ name: 'telegram', stop: () => bot.stop() });
  }
}

/**
 * Starts every configured bot in this process (Telegram and Slack may run
 * together) and runs until SIGINT/SIGTERM; then stops taking messages, lets
 * answers in progress finish, and returns.
 */
export async function startConfiguredBots(settings: Settings): Promise<void> {
  const log = createLogger(settings.LOG_LEVEL);
  const { kb } = await openKnowledge(settings, log, { buildIfMissing: true });
  const holder = new IndexHolder(kb);
  const assistant = new Assistant(holder, { maxQuestionChars: settings.MAX_QUESTION_CHARS });
  const services: BotServices = { settings, log, holder, assistant, permissions: Permissions.fromEnv() };

  const running: RunningBot[] = [];
  try {
    await startBots(services, running);
  } catch (err) {
    // One platform failed to start: stop the ones already running before reporting it.
    await Promise.allSettled(running.map((b) => b.stop()));
    throw err;
  }
  if (running.length === 0) throw new Error('No bot is configured: set TELEGRAM_BOT_TOKEN (or the Slack settings) in .env.');
  log.info({ bots: running.map((b) => b.name), index: kb.version }, 'PlanBot is running; Ctrl+C stops it');

  const signal = await waitForShutdownSignal();
  log.info({ signal }, 'shutting down: finishing answers in progress (press Ctrl+C again to quit at once)');
  const force = () => {
    log.warn('stopping without waiting');
    process.exit(130);
  };
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  const results = await Promise.allSettled(running.map((b) => b.stop()));
  results.forEach((r, i) => r.status === 'rejected' && log.error({ bot: running[i]!.name, err: String(r.reason) }, 'bot did not stop cleanly'));
  process.off('SIGINT', force);
  process.off('SIGTERM', force);
  log.info('stopped');
}

function waitForShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
