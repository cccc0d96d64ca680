import { Assistant } from '../answer/assistant.js';
import { startSlack } from '../bots/slack/app.js';
import { slackSettings } from '../bots/slack/settings.js';
import { Permissions } from '../chat/permissions.js';
import { createLogger, scrubSecrets, type Logger } from '../config/logger.js';
import type { Settings } from '../config/settings.js';
import { IndexHolder } from '../index/holder.js';
import { openKnowledge } from './open.js';

/** True when at least one chat platform is configured (then `npm start` runs bots, not the local chat). */
export function botsConfigured(settings: Settings, env: NodeJS.ProcessEnv = process.env): boolean {
  void settings;
  return Boolean(env.TELEGRAM_BOT_TOKEN || env.SLACK_BOT_TOKEN);
}

/** A started bot, stopped gracefully on SIGINT/SIGTERM. */
interface RunningBot {
  name: string;
  stop(): Promise<void>;
}

/** Starts every configured bot in this process (Telegram and Slack may run together), sharing one index and Assistant. */
export async function startConfiguredBots(settings: Settings): Promise<void> {
  const log = createLogger(settings.LOG_LEVEL);
  const { kb } = await openKnowledge(settings, log, { buildIfMissing: true });
  const holder = new IndexHolder(kb);
  const assistant = new Assistant(holder, { maxQuestionChars: settings.MAX_QUESTION_CHARS });
  const permissions = Permissions.fromEnv();
  const running: RunningBot[] = [];
  try {
    // --- Slack (src/bots/slack) ---
    const slack = slackSettings(settings);
    if (slack) {
      const handle = await startSlack({ assistant, settings: slack, permissions, log, index: { holder, indexesDir: settings.indexesDir } });
      running.push({ name: 'slack', stop: () => handle.stop() });
    }
    // --- end Slack ---
  } catch (err) {
    await stopAll(running, log);
    throw err;
  }
  stopOnSignals(running, log);
}

async function stopAll(running: readonly RunningBot[], log: Logger): Promise<void> {
  await Promise.all(
    running.map((bot) => bot.stop().catch((err: unknown) => log.error({ bot: bot.name, err: scrubSecrets(err instanceof Error ? err.message : String(err)) }, 'bot did not stop cleanly'))),
  );
}

/** Ctrl-C or a service manager's TERM: stop taking messages, let answers in flight finish, then exit. */
function stopOnSignals(running: readonly RunningBot[], log: Logger): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, bots: running.map((b) => b.name) }, 'shutting down');
    // A hung bot must not keep the process alive forever.
    setTimeout(() => process.exit(1), 15_000).unref();
    void stopAll(running, log).then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
