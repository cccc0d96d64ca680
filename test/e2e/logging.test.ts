import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestAssistant } from '../helpers/test-assistant.js';
import { REPO } from '../helpers/workspace.js';

const TELEGRAM_TOKEN = '123456789:AAFakeTokenForLogs_0123456789abcdefXYZ';
const API_KEY = 'sk-logtest-0123456789abcdefghij';

/** Logs one entry carrying secrets through createLogger in a fresh process with LOG_FORMAT as given (read through the settings, as the app does). */
function logWithSecrets(format: string | undefined): string {
  const script = `
    const { createLogger } = await import('./src/app/logger.ts');
    const { loadSettings } = await import('./src/app/settings.ts');
    const log = createLogger('info', loadSettings().LOG_FORMAT);
    log.info({ telegram: { token: ${JSON.stringify(TELEGRAM_TOKEN)} }, OPENAI_API_KEY: ${JSON.stringify(API_KEY)}, section: '4.2.3' }, 'settings loaded');
  `;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', ...(format ? { LOG_FORMAT: format } : {}) },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toBe('');
  return result.stderr;
}

describe('logs', () => {
  it('are JSON lines on stderr by default, with secrets redacted', () => {
    const out = logWithSecrets(undefined);
    const entry = JSON.parse(out.trim()) as Record<string, unknown>;
    expect(entry).toMatchObject({ msg: 'settings loaded', app: 'planbot', section: '4.2.3', telegram: { token: '[redacted]' }, OPENAI_API_KEY: '[redacted]' });
    expect(out).not.toContain(TELEGRAM_TOKEN);
    expect(out).not.toContain(API_KEY);
  });

  it('are readable lines with LOG_FORMAT=pretty, with the same secrets redacted', () => {
    const out = logWithSecrets('pretty');
    expect(() => JSON.parse(out.trim())).toThrow();
    expect(out).toMatch(/INFO.*settings loaded/);
    expect(out).toContain('section: "4.2.3"');
    expect(out).toContain('[redacted]');
    expect(out).not.toContain(TELEGRAM_TOKEN);
    expect(out).not.toContain(API_KEY);
  });

  it('LOG_FORMAT=pretty is honoured by the CLI (local chat: no metrics server), and a wrong value names the setting', async () => {
    const ta = await createTestAssistant();
    try {
      const run = (env: Record<string, string>) =>
        spawnSync(process.execPath, [path.join(REPO, 'bin/planbot.js'), 'start'], {
          cwd: REPO,
          env: { PATH: process.env.PATH ?? '', INDEXES_DIR: ta.indexesDir, DATA_DIR: path.join(ta.indexesDir, 'data'), LOG_LEVEL: 'info', ...env },
          encoding: 'utf8',
          input: '/quit\n',
          timeout: 30_000,
        });
      // No bot configured: the local chat, and no health/metrics server even with METRICS_PORT set.
      const pretty = run({ LOG_FORMAT: 'pretty', METRICS_PORT: '0' });
      expect(pretty.status, pretty.stderr).toBe(0);
      expect(pretty.stderr).not.toContain('health and metrics listening');
      expect(pretty.stderr).toMatch(/INFO.*EMBEDDER=auto chose lexical/);
      expect(pretty.stderr.split('\n').some((line) => line.startsWith('{'))).toBe(false);
      const wrong = run({ LOG_FORMAT: 'xml' });
      expect(wrong.status).not.toBe(0);
      expect(wrong.stderr).toContain('LOG_FORMAT');
    } finally {
      await ta.cleanup();
    }
  }, 60_000);
});
