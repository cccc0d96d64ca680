import { startSlack } from '../adapters/slack/app.js';
import { startTelegram, telegramDeps, telegramSettingsFrom } from '../adapters/telegram/index.js';
import { slackSettings } from '../adapters/slack/settings.js';
import { createLogger } from './logger.js';
import { scrubSecrets } from '../engine/text/secrets.js';
import type { Logger } from 'pino';
import { startOpsServer } from '../services/ops/ops-http.js';
import type { Settings } from './settings.js';
;
import { keepServingOnErrors } from './process-guard.js';
import { openBotServices } from './services.js';


/** A started bot, stopped gracefully on SIGINT/SIGTERM. */
interface RunningBot {
  name: string;
  stop(): Promise<void>;
}

/** Starts every configured bot in this process (Telegram and Slack may run together), sharing one index and Assistant. */
export async function startConfiguredBots(settings: Settings): Promise<void> {
  const log = createLogger(settings.LOG_LEVEL ?? 'info', settings.LOG_FORMAT);
  // One front end's stray error must not end the other's service.
  keepServingOnErrors(log);
  const services = await openBotServices(settings, log);
  // Stopped last: the bots finish their answers first.
  const running: RunningBot[] = [];
  try {
    // --- Telegram (src/adapters/telegram) ---
    const telegram = telegramSettingsFrom(settings);
    if (telegram) {
      const bot = await startTelegram(telegramDeps(services, telegram));
      running.push({ name: 'telegram', stop: () => bot.stop() });
      services.ops.health.addBot({ name: 'telegram', mode: bot.mode, connected: () => bot.connected() });
    }
    // --- end Telegram ---
    // --- Slack (src/adapters/slack) ---
    const slack = slackSettings(settings);
    if (slack) {
      const handle = await startSlack({ services, settings: slack });
      running.push({ name: 'slack', stop: () => handle.stop() });
      services.ops.health.addBot({ name: 'slack', mode: handle.mode, connected: () => handle.connected() });
    }
    // --- end Slack ---
    // Health and metrics on their own port, for polling and Socket Mode (webhook and HTTP mode also serve them on their port).
    if (settings.METRICS_PORT !== undefined && running.length > 0) {
      const server = await startOpsServer(services.ops, { port: settings.METRICS_PORT, host: '0.0.0.0' }, log);
      running.push({ name: 'metrics', stop: () => server.close() });
    }
  } catch (err) {
    await stopAll(running, log);
    await services.close();
    throw err;
  }
  stopOnSignals(running, log, services.close);
}

async function stopAll(running: readonly RunningBot[], log: Logger): Promise<void> {
  await Promise.all(
    running.map((bot) => bot.stop().catch((err: unknown) => log.error({ bot: bot.name, err: scrubSecrets(err instanceof Error ? err.message : String(err)) }, 'bot did not stop cleanly'))),
  );
}

/** Ctrl-C or a service manager's TERM: stop taking messages, let answers in flight finish, then exit. */
function stopOnSignals(running: readonly RunningBot[], log: Logger, closeServices: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, bots: running.map((b) => b.name) }, 'shutting down');
    // A hung bot must not keep the process alive forever.
    setTimeout(() => process.exit(1), 15_000).unref();
    void stopAll(running, log)
      .then(closeServices)
      .catch((err: unknown) => log.error({ err: scrubSecrets(err instanceof Error ? err.message : String(err)) }, 'could not close cleanly'))
      .then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
