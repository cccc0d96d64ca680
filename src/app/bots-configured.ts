import type { Settings } from './settings.js';

/** True when at least one chat platform is configured (then `npm start` runs bots, not the local chat). */
export function botsConfigured(settings: Settings, env: NodeJS.ProcessEnv = process.env): boolean {
  void settings;
  return Boolean(env.TELEGRAM_BOT_TOKEN || env.SLACK_BOT_TOKEN);
}
