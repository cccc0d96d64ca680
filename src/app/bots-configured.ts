import type { Settings } from './settings.js';

/** True when at least one chat platform is configured (then `npm start` runs bots, not the local chat). */
export function botsConfigured(settings: Pick<Settings, 'TELEGRAM_BOT_TOKEN' | 'SLACK_BOT_TOKEN'>): boolean {
  return Boolean(settings.TELEGRAM_BOT_TOKEN || settings.SLACK_BOT_TOKEN);
}
