import { describe, expect, it } from 'vitest';
import { slackMode, slackSettings } from '../../../src/adapters/slack/settings.js';
import { loadSettings } from '../../../src/app/settings.js';

const settingsFrom = (env: Record<string, string>) => slackSettings(loadSettings(env));

describe('Slack settings', () => {
  it('are off without SLACK_BOT_TOKEN', () => {
    expect(settingsFrom({})).toBeUndefined();
  });

  it('choose Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP mode on PORT', () => {
    const socket = settingsFrom({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })!;
    expect(slackMode(socket)).toBe('socket');
    const http = settingsFrom({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sec', PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9/api' })!;
    expect(slackMode(http)).toBe('http');
    expect(http).toMatchObject({ port: 8080, signingSecret: 'sec', apiUrl: 'http://127.0.0.1:9/api/' });
    expect(settingsFrom({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sec' })!.port).toBe(3000);
  });

  it('stop start-up with a message naming the setting, never its value', () => {
    expect(() => settingsFrom({ SLACK_BOT_TOKEN: 'xoxb-secret-value' })).toThrow(/SLACK_APP_TOKEN \(Socket Mode\) or SLACK_SIGNING_SECRET/);
    expect(() => settingsFrom({ SLACK_BOT_TOKEN: 'xoxp-user-token-secret' })).toThrow(/must be the bot token/);
    expect(() => settingsFrom({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-secret-in-wrong-place' })).toThrow(/SLACK_APP_TOKEN must be an app-level token/);
    const bad: Record<string, string>[] = [{ SLACK_BOT_TOKEN: 'xoxp-user-token-secret' }, { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-secret-in-wrong-place' }];
    for (const env of bad) {
      try {
        settingsFrom(env);
      } catch (err) {
        expect((err as Error).message).not.toContain('secret');
      }
    }
    expect(() => loadSettings({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});

describe('Slack allow-lists', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sec' };

  it('are off when none is set, and each list set is read on its own', () => {
    expect(settingsFrom(base)!.allowed).toBeUndefined();
    expect(settingsFrom({ ...base, SLACK_ALLOWED_CHANNEL_IDS: 'C0001, G0002', SLACK_ALLOWED_USER_IDS: 'U0001 W0002' })!.allowed).toEqual({ channels: ['C0001', 'G0002'], users: ['U0001', 'W0002'] });
    expect(settingsFrom({ ...base, SLACK_ALLOWED_TEAM_IDS: 'T0001' })!.allowed).toEqual({ teams: ['T0001'] });
  });

  it('refuse what is not a Slack id, naming the setting', () => {
    expect(() => settingsFrom({ ...base, SLACK_ALLOWED_CHANNEL_IDS: '#general' })).toThrow(/SLACK_ALLOWED_CHANNEL_IDS/);
  });
});
