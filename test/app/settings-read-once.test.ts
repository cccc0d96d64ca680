import { describe, expect, it } from 'vitest';
import { botsConfigured } from '../../src/app/bots-configured.js';
import { loadSettings } from '../../src/app/settings.js';
import { Permissions } from '../../src/services/access/permissions.js';

describe('settings are read once, by src/app/settings.ts', () => {
  it('admins are the ids TELEGRAM_ADMIN_IDS and SLACK_ADMIN_IDS list, whatever separates them', () => {
    const permissions = Permissions.fromSettings(loadSettings({ TELEGRAM_ADMIN_IDS: '111, 222', SLACK_ADMIN_IDS: 'U01AAA;U02BBB U03CCC' }));
    expect(permissions.isAdmin({ platform: 'telegram', userId: '222' })).toBe(true);
    expect(permissions.isAdmin({ platform: 'slack', userId: 'U03CCC' })).toBe(true);
    expect(permissions.isAdmin({ platform: 'telegram', userId: '333' })).toBe(false);
    expect(permissions.isAdmin({ platform: 'slack', userId: '111' })).toBe(false);
  });

  it('no admin ids: nobody on a chat platform is an admin', () => {
    const permissions = Permissions.fromSettings(loadSettings({}));
    expect(permissions.isAdmin({ platform: 'telegram', userId: '1' })).toBe(false);
    expect(permissions.isAdmin({ platform: 'slack', userId: 'U1' })).toBe(false);
  });

  it('bots run when a bot token is set; a blank token means the local chat', () => {
    expect(botsConfigured(loadSettings({ SLACK_BOT_TOKEN: 'xoxb-1' }))).toBe(true);
    expect(botsConfigured(loadSettings({ TELEGRAM_BOT_TOKEN: '123:abc' }))).toBe(true);
    expect(botsConfigured(loadSettings({ TELEGRAM_BOT_TOKEN: '  ', SLACK_BOT_TOKEN: '' }))).toBe(false);
  });

  it('LOG_LEVEL unset stays unset, so each command picks its own default', () => {
    expect(loadSettings({}).LOG_LEVEL).toBeUndefined();
    expect(loadSettings({ LOG_LEVEL: 'debug' }).LOG_LEVEL).toBe('debug');
  });
});
