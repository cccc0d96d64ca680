import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerStatusCommands } from '../../src/app/cli/status-command.js';
import { chatInProcess } from '../helpers/run-chat.js';
import { runCliInProcess } from '../helpers/run-cli.js';
import { REPO_CORPUS, openStatusFixture, type StatusFixture } from '../helpers/status-fixture.js';

let fx: StatusFixture;
let env: Record<string, string | undefined>;

/** What the chat prints for these lines, after its banner (an English terminal unless `locale` says otherwise). */
function chat(lines: readonly string[], locale = 'C.UTF-8'): Promise<string> {
  return chatInProcess({ ...env, LANG: locale }, lines);
}

beforeAll(async () => {
  fx = await openStatusFixture();
  env = {
    DATA_DIR: path.join(fx.dir, 'data'),
    INDEXES_DIR: fx.indexesDir,
    CORPUS_DIR: REPO_CORPUS,
    EMBEDDER: 'lexical',
    LOG_LEVEL: 'warn',
    TZ: 'UTC',
    LC_ALL: undefined,
    LC_MESSAGES: undefined,
    OPENAI_API_KEY: undefined,
  };
});
afterAll(async () => fx.cleanup());

describe('the local chat (planbot chat, or planbot with no bot token)', () => {
  it('/help says what PlanBot does and lists the commands, in the terminal\'s language', { timeout: 60_000 }, async () => {
    const en = await chat(['/help']);
    expect(en).toMatch(/I answer questions about the Lancang-Mekong Cooperation/);
    for (const command of ['/section 4.2.3', '/status', '/toc', '/docs', '/about', '/new', '/quit']) expect(en).toContain(command);
    const zh = await chat(['/help'], 'zh_TW.UTF-8');
    expect(zh).toContain('我回答關於《瀾湄合作五年行動計畫(2023-2027)》的問題');
    expect(zh).toContain('/toc — 目錄');
  });

  it('/toc lists the chapters and their sections; /section shows one, and alone says how to use it', { timeout: 60_000 }, async () => {
    const out = await chat(['/toc', '/section 4.2.3', '/section']);
    expect(out).toContain('探索構建智能海關治理新模式');
    expect(out).toContain('§4 務實合作');
    expect(out).toContain('    §4.2 經濟與可持續發展');
    expect(out).toContain('Put a section number after /section, e.g. /section 4.2.3.');
    expect(out).not.toMatch(/does not cover/i);
  });

  it('/about names the document, the index version, sections, embedder and the database\'s health', { timeout: 60_000 }, async () => {
    const out = await chat(['/about']);
    expect(out).toContain('Document: 瀾湄合作五年行動計畫(2023-2027)');
    expect(out).toMatch(/Index version: \S+/);
    expect(out).toMatch(/Sections: \d+/);
    expect(out).toContain('Embedder: lexical');
    expect(out).toContain('Answers: extractive');
    expect(out).toContain('Database: ok');
  });

  it('an unknown command gets a pointer to /help, not the plan-does-not-cover reply', { timeout: 60_000 }, async () => {
    const out = await chat(['/frobnicate now']);
    expect(out.trim()).toBe('There is no command /frobnicate. Type /help to see the commands.');
  });

  it('after `planbot status set`, /status, /status 4.2.12 and a progress question show the status', { timeout: 90_000 }, async () => {
    const set = await runCliInProcess(registerStatusCommands, env, ['status', 'set', '4.2.12', 'in_progress', 'owner=水利部']);
    expect(set.code).toBe(0);
    const out = await chat(['/status 4.2.12', '/status', '4.2.12 進展如何?']);
    const [card, overview, ...asked] = out.trim().split('\n\n');
    expect(card).toMatch(/^§4\.2\.12 水資源合作\nStatus: in progress\nLead agency: 水利部/);
    expect(overview).toMatch(/^Plan progress by chapter/);
    expect(overview).toContain('§4 務實合作');
    // The question gets the card in the question's language.
    expect(asked.join('\n\n')).toMatch(/^§4\.2\.12 水資源合作\n狀態: 進行中\n牽頭單位: 水利部/);
  });

  it('answers a question with citations, follows up on it, and forgets it after /new', { timeout: 60_000 }, async () => {
    const out = await chat(['水資源合作有哪些計畫?', '它的資金從哪裡來?', '/new']);
    const [answer, followUp, cleared] = out.trim().split('\n\n');
    expect(answer).toContain('(§4.2.12 水資源合作)');
    expect(followUp).toContain('(§5.2 資金支持)');
    expect(cleared).toBe('(對話已清除)');
  });

  it('logs every question for /stats, as asked from the CLI', { timeout: 60_000 }, async () => {
    await chat(['怎么做红烧肉?']);
    const stats = await runCliInProcess(registerStatusCommands, env, ['stats', '--json']);
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout).recentUnanswered).toContainEqual(expect.objectContaining({ platform: 'cli', question: '怎么做红烧肉?' }));
  });
});

describe('the chat prompt', () => {
  it('is shown on a terminal and left out when the input is piped', { timeout: 60_000 }, async () => {
    const piped = await chat(['/new']);
    expect(piped).not.toContain('> ');
    const terminal = await chatInProcess({ ...env, LANG: 'C.UTF-8' }, ['/new'], { terminal: true });
    // Terminal mode redraws the line: strip the cursor controls to read what the user sees.
    const seen = terminal.replace(/\u001b\[\d*[A-Za-z]/g, '');
    expect(seen).toMatch(/^> \/new\r?\n\(conversation cleared\)/m);
    expect(seen.trimEnd().endsWith('>')).toBe(true);
  });
});

describe('planbot with no bot token (npm start)', () => {
  it('opens the local chat: piped lines are answered without a prompt, and it exits 0', { timeout: 90_000 }, async () => {
    const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '../../bin/planbot.js')], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...env } as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stdin.end('/help\n/about\n');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toContain('/quit — Leave the chat');
    expect(stdout).toContain('Database: ok');
    expect(stdout).not.toMatch(/^> /m);
  });
});
