import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_CORPUS, openStatusFixture, type StatusFixture } from '../helpers/status-fixture.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/planbot.js');

let fx: StatusFixture;
let env: NodeJS.ProcessEnv;

/** The real CLI in a child process: its exit code and what it printed where. */
function planbot(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, cwd: fx.dir, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  fx = await openStatusFixture();
  env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: path.join(fx.dir, 'data'), INDEXES_DIR: fx.indexesDir, CORPUS_DIR: REPO_CORPUS, EMBEDDER: 'lexical', LOG_LEVEL: 'warn' };
});
afterAll(async () => fx.cleanup());

describe('planbot exit codes: 0 on success, 1 with a message on stderr on every error', { timeout: 90_000 }, () => {
  it('section: a section that exists prints it and exits 0; one that does not exits 1', async () => {
    const good = await planbot('section', '4.2.3');
    expect(good).toMatchObject({ code: 0, stderr: '' });
    expect(good.stdout).toContain('§4.2.3 貿易投資便利化');
    const bad = await planbot('section', '9.9');
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toContain('There is no section "9.9"');
  });

  it('status get of a section that is not in the plan exits 1', async () => {
    const bad = await planbot('status', 'get', '99.99');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('There is no section "99.99" in the plan');
  });

  it('ask with an empty question exits 1 and says how to ask', async () => {
    const bad = await planbot('ask', '  ');
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toMatch(/^planbot: The question is empty\. .*planbot ask/);
  });

  it('ingest of a file that does not exist exits 1 and changes nothing', async () => {
    const bad = await planbot('ingest', path.join(fx.dir, 'missing.docx'), '--yes');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`There is no document ${path.join(fx.dir, 'missing.docx')}. Nothing was changed.`);
  });

  it('backup into a path whose folder is a file exits 1 naming the archive', async () => {
    const file = path.join(fx.dir, 'a-file');
    await writeFile(file, 'not a folder');
    const bad = await planbot('backup', path.join(file, 'planbot.tar.gz'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`Cannot write the backup ${path.join(file, 'planbot.tar.gz')}: part of its folder path is a file.`);
  });

  it('a command that does not exist exits 1 with usage help', async () => {
    const bad = await planbot('status', 'frobnicate');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("unknown command 'frobnicate'");
  });

  it('eval piped into a reader that stops early (| head) ends quietly with 0, no stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'eval', path.resolve(import.meta.dirname, '../fixtures/everyday-questions.jsonl')], { env, cwd: fx.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|at .*\.js/);
  });
});
