/**
 * `planbot db status` and `planbot db migrate`, the real CLI in a child process, against
 * an SQLite folder and a real PostgreSQL (DATABASE_URL): the same output, and the URL's
 * password never printed.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/services/storage/schema.js';
import { storageBackends, useEmbeddedPostgres } from '../helpers/storage-backends.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/planbot.js');

type Run = { code: number; stdout: string; stderr: string };

function planbot(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const postgres = useEmbeddedPostgres();

describe.each(storageBackends(postgres))('planbot db on $name', (backend) => {
  it('status lists pending migrations, migrate applies them, status then shows version, name and applied_at', { timeout: 120_000 }, async () => {
    const settings = await backend.settings();
    const env = { DATA_DIR: settings.dataDir, ...(settings.DATABASE_URL ? { DATABASE_URL: settings.DATABASE_URL } : {}) };
    const before = await planbot(env, 'db', 'status');
    expect(before.stderr).toBe('');
    expect(before.stdout).toContain(`Schema version 0 of ${MIGRATIONS.length}.`);
    for (const m of MIGRATIONS) expect(before.stdout).toMatch(new RegExp(`${m.version}\\s+\\(pending\\)\\s+${escapeRegExp(m.name)}`));

    const migrate = await planbot(env, 'db', 'migrate');
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain(`Migrated from version 0 to ${MIGRATIONS.length}:`);

    const after = await planbot(env, 'db', 'status');
    expect(after.stdout).toContain(`Schema version ${MIGRATIONS.length} of ${MIGRATIONS.length}.`);
    expect(after.stdout).toMatch(/version\s+applied_at\s+name/);
    expect(after.stdout).toMatch(new RegExp(`${MIGRATIONS.length}\\s+\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\s+${escapeRegExp(MIGRATIONS.at(-1)!.name)}`));
    expect(after.stdout).toContain('No pending migrations.');
    expect((await planbot(env, 'db', 'migrate')).stdout).toContain(`Already at schema version ${MIGRATIONS.length}; nothing to apply.`);

    if (settings.DATABASE_URL) {
      const password = new URL(settings.DATABASE_URL).password;
      expect(after.stdout).toContain('Database: PostgreSQL postgres://planbot:***@127.0.0.1:');
      expect(before.stdout + migrate.stdout + after.stdout).not.toContain(password);
    } else {
      expect(after.stdout).toContain(`Database: SQLite ${path.join(settings.dataDir, 'planbot.sqlite')}`);
    }
  });
});

describe('planbot db with a PostgreSQL that refuses', () => {
  it('a wrong password: one line naming the server and what to check, never the password', { timeout: 60_000 }, async () => {
    const u = new URL(postgres.url());
    u.password = 'Wr0ng-Secret-Value';
    const run = await planbot({ DATABASE_URL: u.toString() }, 'db', 'status');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^planbot: The database postgres:\/\/planbot:\*\*\*@127\.0\.0\.1:\d+\/planbot cannot be reached: the password was refused/);
    expect(run.stderr + run.stdout).not.toContain('Wr0ng-Secret-Value');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
