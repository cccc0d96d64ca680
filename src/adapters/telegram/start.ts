import { run } from '@grammyjs/runner';
import { GrammyError, HttpError, type Bot, type BotError } from 'grammy';
import type { Update } from 'grammy/types';
import { scrubSecrets } from '../../engine/text/secrets.js';
import type { Logger } from 'pino';
import { createTelegramBot } from './bot.js';
import { registerCommandMenu } from './commands.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';
import { InFlight } from '../shared/in-flight.js';
import { startWebhookServer } from './webhook.js';

/** The updates the bot handles; channel posts and the rest are not requested at all. */
const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'inline_query'] as const;

export interface RunningTelegramBot {
  mode: 'polling' | 'webhook';
  bot: Bot<BotContext>;
  /** Port of the webhook server (webhook mode). */
  webhookPort?: number;
  /** For GET /healthz: getMe succeeded at start and the polling loop runs (its last getUpdates did not fail), or the webhook server is up. */
  connected(): boolean;
  /** Stops taking updates and resolves when the answers in progress have been sent. */
  stop(): Promise<void>;
}

/** A start-up failure as a message an admin can act on (never containing the token). */
function startError(err: unknown, apiRoot: string): Error {
  if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
    return new Error('Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized). Copy the token again from @BotFather (/mybots → API Token).');
  }
  if (err instanceof GrammyError) return new Error(`Telegram refused to start the bot: ${err.description} (${err.method}).`);
  if (err instanceof HttpError) {
    return new Error(`Cannot reach the Telegram Bot API at ${apiRoot} (${scrubSecrets(String(err.error))}). Check the network, or TELEGRAM_API_ROOT.`);
  }
  return new Error(scrubSecrets(err instanceof Error ? err.message : String(err)));
}

/** Logs failing getUpdates calls (the runner retries them quietly), without the token. */
function logPollingFailures(bot: Bot<BotContext>, log: Logger): { failing(): boolean } {
  let failing = false;
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (method === 'getUpdates') failing = false;
      return result;
    } catch (err) {
      if (method === 'getUpdates' && !signal?.aborted) {
        failing = true;
        log.warn({ err: scrubSecrets(err instanceof Error ? err.message : String(err)) }, 'fetching Telegram updates failed; retrying');
      }
      throw err;
    }
  });
  return { failing: () => failing };
}

/**
 * Starts the bot: long polling through @grammyjs/runner (concurrent, ordered per
 * chat), or a webhook server when TELEGRAM_WEBHOOK_URL is set.
 */
export async function startTelegram(deps: TelegramDeps): Promise<RunningTelegramBot> {
  const { settings, log } = deps;
  const apiRoot = settings.apiRoot ?? 'https://api.telegram.org';
  const bot = createTelegramBot(deps);
  try {
    await bot.init();
  } catch (err) {
    throw startError(err, apiRoot);
  }
  await registerCommandMenu(bot.api, log);

  if (settings.webhook) {
    const webhook = settings.webhook;
    try {
      await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
    } catch (err) {
      throw startError(err, apiRoot);
    }
    const server = await startWebhookServer(bot, webhook, log, deps.ops);
    let serving = true;
    log.info({ bot: bot.botInfo.username, mode: 'webhook', url: webhook.url, port: server.port }, 'Telegram bot started');
    return {
      mode: 'webhook',
      bot,
      webhookPort: server.port,
      connected: () => serving,
      // The webhook stays registered, so Telegram keeps updates for the next start.
      stop: () => {
        serving = false;
        return server.close();
      },
    };
  }

  try {
    // A webhook left from an earlier deployment would make getUpdates fail.
    await bot.api.deleteWebhook();
  } catch (err) {
    throw startError(err, apiRoot);
  }
  const polling = logPollingFailures(bot, log);
  // The runner's stop() ends polling but does not wait for updates being handled: track them here.
  const inFlight = new InFlight();
  const adapter = {
    init: () => bot.init(),
    handleUpdate: (update: Update) => inFlight.track(bot.handleUpdate(update)),
    errorHandler: (err: BotError<BotContext>) => bot.errorHandler(err),
    api: bot.api,
  };
  const runner = run(adapter, {
    runner: { fetch: { timeout: 30, allowed_updates: [...ALLOWED_UPDATES] }, silent: true, retryInterval: 'exponential' },
    sink: { concurrency: 200 },
  });
  log.info({ bot: bot.botInfo.username, mode: 'polling' }, 'Telegram bot started');
  return {
    mode: 'polling',
    bot,
    connected: () => runner.isRunning() && !polling.failing(),
    async stop() {
      if (runner.isRunning()) await runner.stop();
      await inFlight.drain();
    },
  };
}
