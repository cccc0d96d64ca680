import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAssistant, type TestAssistant } from '../../helpers/test-assistant.js';
import { REPO } from '../../helpers/workspace.js';
import { expectStillAnswering, startPlanbotProcess, telegramSay, telegramUser, TELEGRAM_ADMIN_ID, type PlanbotProcess } from './helpers/planbot-process.js';

/**
 * A database PlanBot cannot use must not stop it: `planbot start` comes up in a
 * degraded mode, answers questions in Telegram and Slack, refuses status changes
 * with a clear note, and /about and the log say what is wrong and what to do.
 */

let ta: TestAssistant;
let root: string;
/** A healthy database made by PlanBot itself, to copy and damage. */
let healthy: string;

beforeAll(async () => {
  ta = await createTestAssistant();
  root = await mkdtemp(path.join(os.tmpdir(), 'planbot-hostile-db-'));
  const goodDir = path.join(root, 'good');
  await run(['status', 'show', '4.2.12'], { DATA_DIR: goodDir }); // creates and migrates it
  healthy = path.join(goodDir, 'planbot.sqlite');
  expect((await stat(healthy)).size).toBeGreaterThan(0);
}, 60_000);

afterAll(async () => {
  await ta?.cleanup();
  if (root) await rm(root, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO, 'bin/planbot.js'), ...args],
      { cwd: REPO, timeout: 60_000, env: { PATH: process.env.PATH, INDEXES_DIR: ta.indexesDir, EMBEDDER: 'lexical', LOG_LEVEL: 'warn', ...env } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Root ignores file permissions, so as root the folder and file are made immutable
 * (chattr +i, which binds root too); otherwise plain chmod. undefined: neither works here.
 */
async function makeReadOnly(paths: string[]): Promise<'chattr' | 'chmod' | undefined> {
  if (process.getuid?.() !== 0) {
    for (const p of paths) await chmod(p, (await stat(p)).isDirectory() ? 0o555 : 0o444);
    return 'chmod';
  }
  const ok = await new Promise<boolean>((resolve) => execFile('chattr', ['+i', ...paths], (err) => resolve(!err)));
  return ok ? 'chattr' : undefined;
}

async function undoReadOnly(paths: string[], how: 'chattr' | 'chmod'): Promise<void> {
  if (how === 'chattr') await new Promise<void>((resolve) => execFile('chattr', ['-i', ...paths], () => resolve()));
  else for (const p of paths) await chmod(p, 0o755);
}

const ADMIN = telegramUser({ id: TELEGRAM_ADMIN_ID });

/** Starts planbot on `dataDir`, checks it serves in degraded mode, stops it. */
async function expectDegradedStart(dataDir: string): Promise<string> {
  const p: PlanbotProcess = await startPlanbotProcess({ indexesDir: ta.indexesDir, dataDir });
  try {
    await expectStillAnswering(p);
    const about = await telegramSay(p, telegramUser(), '/about');
    expect(about).toMatch(/資料庫:無法使用/);
    expect(about).toContain('planbot db check');
    expect(about).not.toContain('資料庫:正常');
    const refused = await telegramSay(p, ADMIN, '/setstatus 4.2.12 in_progress');
    expect(refused).toContain('planbot db check');
    expect(refused).not.toMatch(/已更新/);
    const status = await telegramSay(p, telegramUser(), '/status 4.2.12');
    expect(status).toContain('planbot db check');
    expect(p.output()).toMatch(/database unavailable.*restore|restore[^\n]*planbot db check/i);
    return p.output();
  } finally {
    await p.stop();
  }
}

describe('a broken database', () => {
  it('garbage bytes in planbot.sqlite: starts degraded; `planbot db check` says what is wrong', async () => {
    const dir = path.join(root, 'garbage');
    await mkdir(dir);
    await writeFile(path.join(dir, 'planbot.sqlite'), Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 131 + 7) % 256)));
    await expectDegradedStart(dir);
    const check = await run(['db', 'check'], { DATA_DIR: dir });
    expect(check.code).not.toBe(0);
    expect(check.stdout + check.stderr).toMatch(/not an SQLite database|not a database/i);
  }, 90_000);

  it('a corrupted file (a real database with a damaged page): starts degraded; db check reports the integrity problem', async () => {
    const dir = path.join(root, 'corrupt');
    await mkdir(dir);
    const file = path.join(dir, 'planbot.sqlite');
    await copyFile(healthy, file);
    const size = (await stat(file)).size;
    const handle = await open(file, 'r+');
    // Page 2 onwards: the schema's tables. The 100-byte header stays valid, so SQLite opens the file.
    await handle.write(Buffer.alloc(Math.min(size - 4096, 8192), 0xa5), 0, Math.min(size - 4096, 8192), 4096);
    await handle.close();
    await expectDegradedStart(dir);
    const check = await run(['db', 'check'], { DATA_DIR: dir });
    expect(check.code).not.toBe(0);
    expect(check.stdout + check.stderr).toMatch(/malformed|corrupt|damaged/i);
  }, 90_000);

  it('a truncated file: starts degraded', async () => {
    const dir = path.join(root, 'truncated');
    await mkdir(dir);
    const bytes = await readFile(healthy);
    await writeFile(path.join(dir, 'planbot.sqlite'), bytes.subarray(0, 1500));
    await expectDegradedStart(dir);
  }, 90_000);

  it('a DATA_DIR that cannot be created (its parent is a regular file): starts degraded', async () => {
    const file = path.join(root, 'a-file');
    await writeFile(file, 'not a folder');
    await expectDegradedStart(path.join(file, 'data'));
  }, 90_000);

  it('a read-only DATA_DIR holding a good database: starts degraded', async (ctx) => {
    const dir = path.join(root, 'readonly');
    await mkdir(dir);
    const file = path.join(dir, 'planbot.sqlite');
    await copyFile(healthy, file);
    const how = await makeReadOnly([file, dir]);
    if (!how) return ctx.skip(); // root without CAP_LINUX_IMMUTABLE: nothing can make a folder read-only to it
    try {
      await expectDegradedStart(dir);
    } finally {
      await undoReadOnly([dir, file], how);
    }
  }, 90_000);
});
