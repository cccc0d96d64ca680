import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../../src/adapters/slack/command.js';

describe('slack-app-manifest.yml', () => {
  it('declares what the app handles: its events, scopes, slash command and interactivity', async () => {
    const manifest = await readFile(new URL('../../../slack-app-manifest.yml', import.meta.url), 'utf8');
    const list = (name: string) => [...manifest.slice(manifest.indexOf(`${name}:`)).matchAll(/^\s+- ([\w.:]+)/gm)].map((m) => m[1]);
    expect(manifest).toMatch(new RegExp(`- command: ${SLASH_COMMAND}\\s`));
    expect(list('bot_events')).toEqual(expect.arrayContaining(['app_mention', 'message.im', 'message.channels', 'message.groups']));
    expect(list('bot')).toEqual(expect.arrayContaining(['app_mentions:read', 'chat:write', 'commands', 'im:history', 'channels:history', 'groups:history', 'files:read']));
    expect(manifest).toMatch(/interactivity:\n(\s+#.*\n)*\s+is_enabled: true/);
    expect(manifest).toMatch(/messages_tab_enabled: true/);
    expect(manifest).toMatch(/socket_mode_enabled: (true|false)/);
  });
});
