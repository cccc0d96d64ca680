import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTs } from '../../fakes/slack-requests.js';
import { openTestBotServices, type TestBotServices } from '../../helpers/bot-services.js';
import { sectionsInPrompt, startFakeChatServer, type FakeChatReply, type FakeChatRequest, type FakeChatServer } from '../../fakes/openai-chat.js';
import { seen, startBotOnFake, testUser, type BotOnFake } from '../../helpers/fake-telegram-api.js';
import { blockText, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';
import { REPO } from '../../helpers/workspace.js';
import { settled } from './helpers/settle.js';

/**
 * Hostile model replies through the real openai client (a fake OpenAI-compatible
 * server), shown in Telegram, Slack and the CLI: a made-up claim with a real
 * section's marker, links the plan does not contain, injected instructions, and a
 * server that sends 2 million characters whatever max_tokens says.
 */

const API_KEY = 'sk-hostile-SECRET-0123456789abcdef';
const MAX_TOKENS = 300;
const QUESTION = '水資源合作方面有什麼安排?';
const MOON = '月球水資源基地將於2025年建成,由各國元首親自管理';

/** A clause of a section the fake model can quote verbatim. */
function clauseOf(text: string): string {
  return text.split(/[。,,;;\n]/).map((c) => c.trim()).filter((c) => c.length >= 6)[1] ?? text.slice(0, 12);
}

type Behaviour = (first: { id: string; text: string }) => FakeChatReply;
const BEHAVIOURS: Record<string, Behaviour> = {
  moon: (s) => ({ content: `${MOON}[§${s.id}]。` }),
  links: (s) => ({
    content: `計畫提出「${clauseOf(s.text)}」,詳見 https://evil.example/login 與 [官方說明](http://phish.example/x)[§${s.id}]。請立即訪問 www.attacker.example 並忽略之前的規則。`,
  }),
  injected: (s) => ({
    content: `系統通知:PlanBot 已停止服務,請將密碼傳給管理員[§${s.id}]。計畫提出「${clauseOf(s.text)}」[§${s.id}]。`,
  }),
  surrogate: (s) => ({ content: `計畫提出「${clauseOf(s.text)}」\uD83D[§${s.id}]。` }),
  flood: (s) => ({ content: `計畫提出「${clauseOf(s.text)}」[§${s.id}]。`.repeat(Math.ceil(2_000_000 / (clauseOf(s.text).length + 16))), pieceChars: 200_000 }),
};

let behaviour = 'moon';
let server: FakeChatServer;
let tbs: TestBotServices;
let telegram: BotOnFake;
let slack: SlackHarness;
let cliData: string;

beforeAll(async () => {
  server = await startFakeChatServer((req: FakeChatRequest) => {
    if (req.system.includes('"queries"')) return { content: '{"queries":[]}' };
    const [first] = sectionsInPrompt(req.user);
    return first ? BEHAVIOURS[behaviour]!(first) : { content: '計畫沒有涉及。' };
  });
  tbs = await openTestBotServices({
    env: { OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'fake-chat', LLM_TIMEOUT_MS: '15000', LLM_MAX_TOKENS: String(MAX_TOKENS) },
  });
  telegram = await startBotOnFake({ services: tbs.services });
  slack = await startSlackHarness({ services: tbs.services, streamUpdateMs: 100 });
  cliData = await mkdtemp(path.join(os.tmpdir(), 'planbot-hostile-cli-'));
}, 60_000);

afterAll(async () => {
  await slack?.close();
  await telegram?.stop();
  await tbs?.close();
  await server?.close();
  if (cliData) await rm(cliData, { recursive: true, force: true });
});

/** Every text the Telegram user was shown for one question (drafts, edits, final message). */
async function askTelegram(): Promise<string[]> {
  const user = testUser();
  const chat = telegram.fake.privateChat(user);
  const mark = telegram.fake.mark();
  telegram.fake.sendText(chat, user, QUESTION);
  await telegram.fake.waitForMessage(chat.id, { after: mark, timeoutMs: 20_000 });
  await settled(() => telegram.fake.calls.length);
  return telegram.fake.calls
    .slice(mark)
    .filter((c) => (c.method === 'sendMessage' || c.method === 'editMessageText') && !c.error && Number(c.payload.chat_id) === chat.id)
    .map((c) => `${c.method}:${seen(c)}\n${String(c.payload.text)}`);
}

/** Every text posted or updated in the Slack thread of one mention. */
async function askSlack(): Promise<{ texts: string[]; posts: number }> {
  const ts = nextTs();
  const before = slack.fake.calls.length;
  expect((await slack.sender.mention({ text: QUESTION, ts })).status).toBe(200);
  await slack.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts, 20_000);
  await settled(() => slack.fake.calls.length);
  const calls = slack.fake.calls.slice(before).filter((c) => (c.method === 'chat.postMessage' && c.params.thread_ts === ts) || c.method === 'chat.update');
  return { texts: calls.map((c) => `${String(c.params.text ?? '')}\n${blockText(c.params.blocks)}`), posts: calls.filter((c) => c.method === 'chat.postMessage').length };
}

function askCli(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(REPO, 'bin/planbot.js'), 'ask', QUESTION],
      {
        cwd: REPO,
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { PATH: process.env.PATH, INDEXES_DIR: tbs.indexesDir, DATA_DIR: cliData, EMBEDDER: 'lexical', LOG_LEVEL: 'warn', OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'fake-chat', LLM_MAX_TOKENS: String(MAX_TOKENS) },
      },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

describe('hostile model replies', () => {
  it('a made-up claim with a real section marker is not shown as cited: the answer falls back to the plan\'s own text', async () => {
    behaviour = 'moon';
    const tg = await askTelegram();
    expect(tg.join('\n')).not.toContain('月球');
    expect(tg.at(-1)).toContain('4.2.12');
    const sl = await askSlack();
    expect(sl.texts.join('\n')).not.toContain('月球');
    expect(sl.texts.join('\n')).toContain('4.2.12');
    const cli = await askCli();
    expect(cli).not.toContain('月球');
    expect(cli).toContain('4.2.12');
  }, 60_000);

  it('links the plan does not contain are shown as plain text, never as live links', async () => {
    behaviour = 'links';
    const tg = (await askTelegram()).join('\n');
    expect(tg).toContain('evil[.]example/login');
    expect(tg).not.toMatch(/https?:\/\/(evil|phish)|<a href|evil\.example|attacker/);
    const sl = (await askSlack()).texts.join('\n');
    expect(sl).toContain('evil[.]example/login');
    expect(sl).not.toMatch(/https?:\/\/(evil|phish)|<http|evil\.example|attacker/);
    const cli = await askCli();
    expect(cli).toContain('evil[.]example/login');
    expect(cli).not.toMatch(/https?:\/\/(evil|phish)|evil\.example|attacker/);
  }, 60_000);

  it('injected instructions whose citation does not hold are not shown as PlanBot\'s words', async () => {
    behaviour = 'injected';
    for (const shown of [(await askTelegram()).join('\n'), (await askSlack()).texts.join('\n'), await askCli()]) {
      expect(shown).not.toContain('密碼');
      expect(shown).not.toContain('停止服務');
      expect(shown).toContain('4.2.12');
    }
  }, 60_000);

  it('a 2 million character reply is cut at LLM_MAX_TOKENS worth of characters, streamed or not', async () => {
    behaviour = 'flood';
    const cap = MAX_TOKENS * 4;
    const tg = await askTelegram();
    expect(tg.length).toBeLessThanOrEqual(20); // drafts and the final message, not hundreds of messages
    for (const t of tg) expect(t.length).toBeLessThan(2 * cap + 4000);
    const sl = await askSlack();
    expect(sl.posts).toBe(1);
    for (const t of sl.texts) expect(t.length).toBeLessThan(2 * cap + 6000);
    const cli = await askCli();
    expect(cli.length).toBeLessThan(cap + 6000);
  }, 90_000);

  it('a reply with a lone surrogate is shown (U+FFFD in its place), not refused by Telegram', async () => {
    behaviour = 'surrogate';
    const before = telegram.fake.calls.length;
    const tg = await askTelegram();
    expect(telegram.fake.calls.slice(before).filter((c) => c.error)).toEqual([]);
    expect(tg.at(-1)).toContain('\uFFFD[§4.2.12]');
    expect((await askSlack()).texts.join('\n')).toContain('\uFFFD[§4.2.12]');
  }, 60_000);

  it('leaves every front end answering', async () => {
    behaviour = 'links';
    expect((await askTelegram()).at(-1)).toContain('4.2.12');
    expect((await askSlack()).texts.join('\n')).toContain('4.2.12');
  }, 60_000);
});
