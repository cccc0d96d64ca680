import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { list as listTar } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCorpus, PLAN_FILE, tempDir } from '../helpers/index-fixture.js';
import { REPO } from '../helpers/workspace.js';

type Run = { code: number; stdout: string; stderr: string };

/** `planbot …` in its own process, in `cwd`, with the install folders at their defaults (corpus/, indexes/, data/). */
function planbot(cwd: string, args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO, 'bin/planbot.js'), ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', EMBEDDER: 'lexical', LOG_LEVEL: 'warn', ...extraEnv }, timeout: 90_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const EDITED_FROM = '加強標準化、計量、反壟斷合作。';
const EDITED_TO = '加強標準化、計量、檢驗檢疫和反壟斷合作,推動口岸通關便利化。';

describe('planbot backup and restore', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let site: string;
  let archive: string;

  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('planbot-backup-'));
    site = path.join(root, 'site');
    await copyCorpus(path.join(site, 'corpus'));
    archive = path.join(root, 'backups', 'planbot.tar.gz');
  });
  afterAll(async () => cleanup?.());

  it('an install with a status, an updated document and its history round-trips into an empty folder', { timeout: 300_000 }, async () => {
    // The install as an admin leaves it: an index, a status, a new version of the plan (kept history).
    expect((await planbot(site, ['index'])).code).toBe(0);
    const set = await planbot(site, ['status', 'set', '4.2.12', 'in_progress', 'owner=水利部', 'due=2027-06-30']);
    expect(set.stderr).toBe('');
    const updated = path.join(root, 'plan-update.txt');
    const plan = await readFile(path.join(site, 'corpus', PLAN_FILE), 'utf8');
    expect(plan).toContain(EDITED_FROM);
    await writeFile(updated, plan.replace(EDITED_FROM, EDITED_TO));
    const ingest = await planbot(site, ['ingest', updated, '--as', 'lmc-plan-2023-2027', '--yes']);
    expect(ingest.code, ingest.stderr).toBe(0);
    const history = await readdir(path.join(site, 'corpus', 'history'));
    expect(history).toHaveLength(1);

    const backup = await planbot(site, ['backup', archive]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backed up the database, corpus\/ \(\d+ files, history included\), index version \S+ to .*planbot\.tar\.gz/);
    const entries: string[] = [];
    await listTar({ file: archive, onReadEntry: (e) => entries.push(e.path) });
    expect(entries).toEqual(expect.arrayContaining(['planbot-backup.json', 'data/planbot.sqlite', `corpus/${PLAN_FILE}`, 'corpus/corpus.json', 'indexes/CURRENT']));
    expect(entries.some((e) => e.startsWith(`corpus/history/${history[0]}/`))).toBe(true);
    expect(entries.some((e) => /^indexes\/[^/]+\/manifest\.json$/.test(e))).toBe(true);

    // A new machine: an empty folder.
    const fresh = path.join(root, 'fresh');
    await mkdir(fresh);
    const restore = await planbot(fresh, ['restore', archive]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/Index version \S+ verified; PlanBot is ready/);
    expect(await readdir(path.join(fresh, 'corpus', 'history'))).toEqual(history);

    const status = await planbot(fresh, ['status', 'show', '4.2.12', '--lang', 'zh-Hant']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).not.toContain('狀態: 已完成');
    expect(status.stdout).toContain('水利部');
    expect(status.stdout).toContain('2027-06-30');
    const answer = await planbot(fresh, ['ask', '貿易投資便利化有哪些安排?']);
    expect(answer.code, answer.stderr).toBe(0);
    expect(answer.stdout).toContain('§4.2.3');
    // The restored index is the updated document's version.
    expect((await planbot(fresh, ['section', '4.2.3'])).stdout).toContain('檢驗檢疫和反壟斷合作');
  });

  it('refuses to overwrite an install without --force, then replaces it with --force', { timeout: 180_000 }, async () => {
    const target = path.join(root, 'fresh');
    await planbot(target, ['status', 'set', '4.2.12', 'done']);
    const refused = await planbot(target, ['restore', archive]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/An install is already here .*run planbot restore again with --force/);
    expect((await planbot(target, ['status', 'show', '4.2.12', '--lang', 'zh-Hant'])).stdout).toContain('狀態: 已完成');

    const forced = await planbot(target, ['restore', archive, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    const status = await planbot(target, ['status', 'show', '4.2.12', '--lang', 'zh-Hant']);
    expect(status.stdout).toContain('水利部');
    expect(status.stdout).not.toContain('狀態: 已完成');
  });

  it('with DATABASE_URL, leaves the database to pg_dump and says so', { timeout: 120_000 }, async () => {
    const file = path.join(root, 'backups', 'no-db.tar.gz');
    const run = await planbot(path.join(root, 'site'), ['backup', file], { DATABASE_URL: 'postgres://planbot:s3cret-pass@db.internal/planbot' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('pg_dump');
    expect(run.stdout).not.toContain('s3cret-pass');
    const entries: string[] = [];
    await listTar({ file, onReadEntry: (e) => entries.push(e.path) });
    expect(entries.some((e) => e.startsWith('data/'))).toBe(false);
    expect(entries).toContain(`corpus/${PLAN_FILE}`);
  });

  it('names what is wrong with a file that is not a backup', { timeout: 60_000 }, async () => {
    const bogus = path.join(root, 'bogus.tar.gz');
    await writeFile(bogus, 'not an archive');
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    const run = await planbot(empty, ['restore', bogus]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/planbot: .*bogus\.tar\.gz is not a (readable )?PlanBot backup/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
