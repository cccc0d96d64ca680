/** What the Slack app needs from the environment, checked once at start-up. */
export interface SlackSettings {
  botToken: string;
  /** Set → Socket Mode (no public URL); unset → HTTP mode on `port`. */
  appToken?: string;
  /** Required in HTTP mode: every request's signature is checked with it. */
  signingSecret?: string;
  /** Web API base URL override (tests point it at a fake server). */
  apiUrl?: string;
  port: number;
  /** Questions per user per minute (SLACK_RATE_LIMIT_PER_MINUTE; 0 or unset: no limit). */
  rateLimitPerMinute?: number;
  /** SLACK_ALLOWED_*_IDS: who the bot answers; a missing list does not restrict. */
  allowed?: SlackAllowLists;
}

/** Workspaces, channels (not DMs) and users the bot answers; each list, when given, must contain the request's. */
export interface SlackAllowLists {
  teams?: readonly string[];
  channels?: readonly string[];
  users?: readonly string[];
}

/** The SLACK_* settings (and PORT) as src/app/settings.ts validated them. */
export interface SlackEnvironment {
  SLACK_BOT_TOKEN?: string | undefined;
  SLACK_APP_TOKEN?: string | undefined;
  SLACK_SIGNING_SECRET?: string | undefined;
  SLACK_API_URL?: string | undefined;
  PORT: number;
  SLACK_RATE_LIMIT_PER_MINUTE: number;
  SLACK_ALLOWED_TEAM_IDS: readonly string[];
  SLACK_ALLOWED_CHANNEL_IDS: readonly string[];
  SLACK_ALLOWED_USER_IDS: readonly string[];
}

export type SlackMode = 'socket' | 'http';

export function slackMode(settings: SlackSettings): SlackMode {
  return settings.appToken ? 'socket' : 'http';
}

/**
 * The Slack part of the settings, or undefined when SLACK_BOT_TOKEN is not set.
 * Misconfigurations stop start-up with a message naming the setting, never its value.
 */
export function slackSettings(settings: SlackEnvironment): SlackSettings | undefined {
  const botToken = settings.SLACK_BOT_TOKEN;
  if (!botToken) return undefined;
  if (!botToken.startsWith('xoxb-')) {
    throw new Error('SLACK_BOT_TOKEN must be the bot token (it starts with "xoxb-"; see "OAuth & Permissions" in the Slack app settings).');
  }
  const appToken = settings.SLACK_APP_TOKEN;
  if (appToken && !appToken.startsWith('xapp-')) {
    throw new Error('SLACK_APP_TOKEN must be an app-level token (it starts with "xapp-"; see "Basic Information → App-Level Tokens"). Leave it empty for HTTP mode.');
  }
  if (!appToken && !settings.SLACK_SIGNING_SECRET) {
    throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode on PORT). Set one of them; see docs/slack.md.');
  }
  const apiUrl = settings.SLACK_API_URL;
  return {
    botToken,
    ...(appToken ? { appToken } : {}),
    ...(settings.SLACK_SIGNING_SECRET ? { signingSecret: settings.SLACK_SIGNING_SECRET } : {}),
    // The Web API client joins method names onto this base, so it must end with a slash.
    ...(apiUrl ? { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    port: settings.PORT,
    rateLimitPerMinute: settings.SLACK_RATE_LIMIT_PER_MINUTE,
    ...allowLists(settings),
  };
}

function allowLists(settings: SlackEnvironment): { allowed?: SlackAllowLists } {
  const lists: SlackAllowLists = {
    ...(settings.SLACK_ALLOWED_TEAM_IDS.length > 0 ? { teams: settings.SLACK_ALLOWED_TEAM_IDS } : {}),
    ...(settings.SLACK_ALLOWED_CHANNEL_IDS.length > 0 ? { channels: settings.SLACK_ALLOWED_CHANNEL_IDS } : {}),
    ...(settings.SLACK_ALLOWED_USER_IDS.length > 0 ? { users: settings.SLACK_ALLOWED_USER_IDS } : {}),
  };
  return Object.keys(lists).length > 0 ? { allowed: lists } : {};
}
