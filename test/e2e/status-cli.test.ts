import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, type CliRun } from '../helpers/run-cli.js';
import { registerStatusCommands } from '../../src/app/cli/status-command.js';
import { parseCsv } from '../../src/services/status/csv.js';
import { REPO_CORPUS, openStatusFixture, type StatusFixture } from '../helpers/status-fixture.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/planbot.js');

let fx: StatusFixture;
let env: NodeJS.ProcessEnv;

type Run = CliRun;

/** Runs the real CLI in a child process (slow on a busy machine: used sparingly). */
function planbotProcess(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, cwd: fx.dir, timeout: 60_000 }, (err, stdout, stderr) => {
      // On a non-zero exit, execFile's error carries the exit code as `code`.
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs the same commands in this process (the commander program main.ts builds, with
 * this module's commands), reading settings from process.env like the real CLI.
 */
function planbot(...args: string[]): Promise<Run> {
  return runCliInProcess(registerStatusCommands, env, args);
}

beforeAll(async () => {
  fx = await openStatusFixture();
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: path.join(fx.dir, 'data'),
    INDEXES_DIR: fx.indexesDir,
    CORPUS_DIR: REPO_CORPUS,
    EMBEDDER: 'lexical',
    LOG_LEVEL: 'warn',
    TZ: 'UTC',
  };
});
afterAll(async () => {
  await fx.cleanup();
});

describe('planbot status / stats', () => {
  it('set, show, history and list', { timeout: 120_000 }, async () => {
    const set = await planbotProcess('status', 'set', '4.2.12', 'in_progress', 'owner=水利部', 'due=2027-06-30', `note=Survey "phase 1"; '; DROP TABLE item_status; --`);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Updated §4.2.12 水資源合作.');
    expect(set.stdout).toContain(`Note: Survey "phase 1"; '; DROP TABLE item_status; --`);

    const bad = await planbot('status', 'set', '4.2.12', 'finished-ish');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Valid statuses: not_started, planned, in_progress, done, blocked.');

    await planbot('status', 'set', '4.2.12', 'done', 'note=Completed', 'in', 'May');
    const show = await planbot('status', 'show', '4.2.12', '--lang', 'zh-Hant');
    expect(show.stdout).toContain('狀態: 已完成');
    expect(show.stdout).toContain('備註: Completed in May');
    expect(show.stdout).toContain('此前另有 1 次變更');

    const history = await planbot('status', 'history', '4.2.12');
    expect(history.stdout).toMatch(/History of §4\.2\.12 水資源合作:\n.*in progress → done/);
    const list = await planbot('status', 'list');
    expect(list.stdout.trim()).toBe('§4.2.12 水資源合作 — done | 水利部 | 2027-06-30');
    const overview = await planbot('status', 'show');
    expect(overview.stdout).toContain('Plan progress by chapter');
  });

  it('import (all or nothing, with row numbers) and export', async () => {
    const badFile = path.join(fx.dir, 'bad.csv');
    await writeFile(badFile, 'section_id,status,due_date\n4.2.1,done,\n4.2.77,done,\n4.2.2,planned,2026-13-01\n');
    const bad = await planbot('status', 'import', badFile);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('nothing was imported');
    expect(bad.stderr).toContain('row 3: there is no section "4.2.77"');
    expect(bad.stderr).toContain('row 4: due_date "2026-13-01" is not a real date');

    const goodFile = path.join(fx.dir, 'good.csv');
    await writeFile(goodFile, '\uFEFFsection_id,status,note\r\n4.2.1,done,"Ports, roads\nand rail"\r\n4.2.2,planned,\r\n');
    const good = await planbot('status', 'import', goodFile);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Updated 2 item(s): 4.2.1, 4.2.2; 0 unchanged.');

    const out = path.join(fx.dir, 'export.csv');
    expect((await planbot('status', 'export', out)).code).toBe(0);
    const rows = parseCsv(await readFile(out, 'utf8'));
    expect(rows.map((r) => [r[0], r[2], r[5]])).toEqual([
      ['section_id', 'status', 'note'],
      ['4.2.1', 'done', 'Ports, roads\nand rail'],
      ['4.2.2', 'planned', ''],
      ['4.2.12', 'done', 'Completed in May'],
    ]);
  });

  it('stats as text and JSON', async () => {
    const text = await planbot('stats');
    expect(text.stdout).toContain('Questions today: 0; last 7 days: 0');
    const json = await planbot('stats', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ today: 0, last7Days: 0, retentionDays: 90 });
  });

  it('a DATA_DIR holding a non-database stops with the file and the problem', { timeout: 120_000 }, async () => {
    const dataDir = path.join(fx.dir, 'broken-data');
    await import('node:fs/promises').then((fs) => fs.mkdir(dataDir, { recursive: true }));
    await writeFile(path.join(dataDir, 'planbot.sqlite'), 'not sqlite at all '.repeat(100));
    const saved = env;
    env = { ...env, DATA_DIR: dataDir };
    try {
      const result = await planbotProcess('status', 'show', '4.2.12');
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(`planbot: The database ${path.join(dataDir, 'planbot.sqlite')} cannot be opened: the file is not an SQLite database (or it is encrypted or damaged). Move it away and PlanBot will create a new one, or set DATA_DIR to another folder (file is not a database).`);
    } finally {
      env = saved;
    }
  });
});
