import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_CORPUS } from '../helpers/core-index.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/planbot.js');
let dir: string;
let env: NodeJS.ProcessEnv;

async function planbot(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, cwd: dir, timeout: 120_000 });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'planbot-cli-'));
  await cp(REPO_CORPUS, path.join(dir, 'corpus'), { recursive: true });
  env = { ...process.env, CORPUS_DIR: path.join(dir, 'corpus'), INDEXES_DIR: path.join(dir, 'indexes'), EMBEDDER: 'lexical', LOG_LEVEL: 'warn' };
  delete env.TELEGRAM_BOT_TOKEN;
  delete env.SLACK_BOT_TOKEN;
  delete env.OPENAI_API_KEY;
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('planbot CLI', () => {
  it('index builds the index and reports progress and the version', async () => {
    const { stdout, stderr, code } = await planbot('index');
    expect(code).toBe(0);
    expect(stderr).toMatch(/embedding \d+\/\d+/);
    expect(stdout).toMatch(/Indexed: \S+ is the first version \(41 sections\)/);
  });

  it('ask --json prints the Answer value', async () => {
    const { stdout, code } = await planbot('ask', '--json', '水資源合作有哪些計畫?');
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.citations[0].sectionId).toBe('4.2.12');
    expect(answer).toMatchObject({ abstained: false, language: 'zh-Hant', kind: 'answer', confidence: 'answer' });
    expect(Array.isArray(answer.parts)).toBe(true);
  });

  it('section prints the verbatim text with its label', async () => {
    const { stdout } = await planbot('section', '４．２．３');
    expect(stdout).toContain('§4.2.3 貿易投資便利化');
    expect(stdout).toContain('探索構建智能海關治理新模式');
  });

  it('eval prints a row per question and a JSON summary as its last line', async () => {
    const file = path.join(dir, 'questions.jsonl');
    await writeFile(
      file,
      [
        { id: 'a', lang: 'zh-Hant', kind: 'topic', q: '能源合作', expect: ['4.2.4'] },
        { id: 'b', lang: 'en', kind: 'topic', q: 'public health cooperation', expect: ['4.1.3.1'] },
        { id: 'c', lang: 'zh-Hans', kind: 'oos', q: '怎么做红烧肉?', expect: [] },
      ]
        .map((q) => JSON.stringify(q))
        .join('\n'),
    );
    const { stdout, code } = await planbot('eval', file);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.slice(0, 3).map((l) => l.split(/\s+/)[0])).toEqual(['a', 'b', 'c']);
    // Then the outcomes per language and per kind, then the summary.
    expect(lines).toContain('by kind:');
    expect(lines.find((l) => l.trim().startsWith('oos'))).toMatch(/n=1 .*answer=0 related=0 none=1/);
    const summary = JSON.parse(lines.at(-1)!);
    expect(summary).toMatchObject({ n: 2, hit1: 1, hit3: 1, mrr: 1, oos: { n: 1, abstained: 1 }, falseAbstain: 0, confidence: { answer: 2, related: 0, none: 1 } });
    expect(summary.outcomes.byKind.topic).toEqual({ n: 2, hit3: 1, confidence: { answer: 2, related: 0, none: 0 } });
    expect(Object.keys(summary.byLang).sort()).toEqual(['en', 'zh-Hant']);
    expect(summary.p95ms).toBeGreaterThanOrEqual(summary.p50ms);
  });

  it('eval without a file measures the everyday questions kept in the repository, from any folder', async () => {
    const fixture = path.resolve(import.meta.dirname, '../fixtures/everyday-questions.jsonl');
    const answerable = (await readFile(fixture, 'utf8'))
      .split('\n')
      .filter((line) => line.trim())
      .filter((line) => (JSON.parse(line) as { expect: string[] }).expect.length > 0).length;
    const { stdout, code } = await planbot('eval');
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({ n: answerable });
  }, 150_000);

  it('reports problems in one actionable line, without a stack trace', async () => {
    const { stderr, code } = await planbot('eval', path.join(dir, 'missing.jsonl'));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n').filter((l) => l.startsWith('planbot:'))).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
