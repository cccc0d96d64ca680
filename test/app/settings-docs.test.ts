import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES, loadSettings } from '../../src/app/settings.js';

const root = path.resolve(import.meta.dirname, '../..');
const envExample = readFileSync(path.join(root, '.env.example'), 'utf8').split('\n');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('settings are documented', () => {
  it.each(SETTING_NAMES)('%s is in .env.example with a comment above it', (name) => {
    const at = envExample.findIndex((line) => line.startsWith(`${name}=`));
    expect(at, `${name} missing from .env.example`).toBeGreaterThan(0);
    let above = at - 1;
    while (above > 0 && /^[A-Z_]+=/.test(envExample[above]!)) above--;
    expect(envExample[above]!.startsWith('#'), `${name} has no comment`).toBe(true);
  });

  it.each(SETTING_NAMES)('%s is described in the README', (name) => {
    expect(readme).toContain(name);
  });

  it('.env.example itself is a valid configuration', () => {
    const env: Record<string, string> = {};
    for (const line of envExample) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line);
      if (m) env[m[1]!] = m[2]!;
    }
    expect(() => loadSettings(env)).not.toThrow();
  });

  it('names the setting, never its value, when one is wrong', () => {
    expect(() => loadSettings({ TELEGRAM_BOT_TOKEN: 'secret-value-123' })).toThrow(/TELEGRAM_BOT_TOKEN/);
    try {
      loadSettings({ TELEGRAM_BOT_TOKEN: 'secret-value-123' });
    } catch (err) {
      expect((err as Error).message).not.toContain('secret-value-123');
    }
  });
});
