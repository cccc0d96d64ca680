import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../src/services/ops/health.js';
import { nextTs, SlackRequestSender } from '../fakes/slack-requests.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { startTelegram, type RunningTelegramBot } from '../../src/adapters/telegram/start.js';
import { FakeTelegramApi, memoryLogger, testUser } from '../helpers/fake-telegram-api.js';
import { startPlanbot, type PlanbotProcess } from '../helpers/planbot-process.js';
import { sampleValue, scrape } from '../helpers/prometheus.js';
import { openTelegramServices, type TelegramTestServices } from '../helpers/telegram-services.js';
import { createTestAssistant, type TestAssistant } from '../helpers/test-assistant.js';

const IN_SCOPE = '水資源合作有哪些安排?';
const OUT_OF_SCOPE = 'Who won the football world cup in 1998?';

async function healthz(baseUrl: string): Promise<{ status: number; body: HealthReport }> {
  const res = await fetch(`${baseUrl}/healthz`);
  return { status: res.status, body: (await res.json()) as HealthReport };
}

describe('GET /metrics and /healthz in Telegram webhook mode (on the webhook port)', () => {
  let ta: TelegramTestServices;
  let fake: FakeTelegramApi;
  let running: RunningTelegramBot;
  let base: string;
  const SECRET = 'ops-secret_0123456789';

  beforeAll(async () => {
    ta = await openTelegramServices({ adminIds: [] });
    fake = await FakeTelegramApi.start();
    const { assistant, permissions, desk, synonyms, answerMode, live, ops } = ta.services;
    running = await startTelegram({
      assistant, permissions, desk, synonyms, answerMode, live, ops,
      settings: { token: fake.token, apiRoot: fake.apiRoot, rateLimitPerMinute: 0, webhook: { url: 'https://planbot.example.org/tg', path: '/tg', secret: SECRET, host: '127.0.0.1', port: 0 } },
      log: memoryLogger().log,
    });
    ops.health.addBot({ name: 'telegram', mode: running.mode, connected: () => running.connected() });
    base = `http://127.0.0.1:${running.webhookPort}`;
  });

  afterAll(async () => {
    await running?.stop();
    await fake?.close();
    await ta?.cleanup();
  });

  const ask = async (text: string) => {
    const user = testUser();
    const mark = fake.mark();
    const res = await fetch(`${base}/tg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(fake.buildUpdate({ message: fake.userMessage(fake.privateChat(user), user, text) })),
    });
    expect(res.status).toBe(200);
    await fake.waitForMessage(user.id, { after: mark });
  };

  it('counts questions by front end, language and outcome, with their latency and the index version', async () => {
    const before = (await scrape(base)).samples;
    await ask(IN_SCOPE);
    await ask(OUT_OF_SCOPE);
    const { status, contentType, samples } = await scrape(base);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const delta = (labels: Record<string, string>) => sampleValue(samples, 'planbot_questions_total', labels) - sampleValue(before, 'planbot_questions_total', labels);
    expect(delta({ front_end: 'telegram', language: 'zh-Hant', outcome: 'answer' })).toBe(1);
    expect(delta({ front_end: 'telegram', language: 'en', outcome: 'none' })).toBe(1);
    expect(sampleValue(samples, 'planbot_answer_duration_seconds_count', { front_end: 'telegram' })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(samples, 'planbot_index_info', { version: ta.kb().version })).toBe(1);
    // prom-client's default process metrics come along.
    expect(samples.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);
  });

  it('counts re-index runs by result and follows the new version', async () => {
    const oldVersion = ta.kb().version;
    await ta.services.live.reindex.rebuild({ force: true });
    const { samples } = await scrape(base);
    expect(sampleValue(samples, 'planbot_reindex_runs_total', { kind: 'rebuild', result: 'switched' })).toBe(1);
    expect(ta.kb().version).not.toBe(oldVersion);
    expect(sampleValue(samples, 'planbot_index_info', { version: ta.kb().version })).toBe(1);
    expect(sampleValue(samples, 'planbot_index_info', { version: oldVersion })).toBe(0);
  });

  it('reports health as JSON: index version, database read, bot connected', async () => {
    const { status, body } = await healthz(base);
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', index: { ok: true, version: ta.kb().version }, database: { ok: true }, bots: { telegram: { ok: true, mode: 'webhook' } } });
  });

  it('keeps the webhook itself as it was: other GET paths 404, no secret 401', async () => {
    expect((await fetch(`${base}/other`)).status).toBe(404);
    expect((await fetch(`${base}/tg`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('says degraded with 503 when the database cannot be read', async () => {
    await ta.services.desk.db.close();
    const { status, body } = await healthz(base);
    expect(status).toBe(503);
    expect(body.status).toBe('degraded');
    expect(body.database.ok).toBe(false);
    expect(body.index.ok).toBe(true);
  });
});

describe('`planbot start` processes', () => {
  let ta: TestAssistant;
  let dataDir: string;
  beforeAll(async () => {
    ta = await createTestAssistant();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'planbot-ops-data-'));
  });
  afterAll(async () => {
    await ta?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('Telegram long polling: METRICS_PORT serves /metrics (questions, rate-limited messages) and /healthz', async () => {
    const fake = await FakeTelegramApi.start();
    let bot: PlanbotProcess | undefined;
    try {
      bot = startPlanbot(['start'], {
        INDEXES_DIR: ta.indexesDir,
        DATA_DIR: path.join(dataDir, 'telegram'),
        EMBEDDER: 'lexical',
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_RATE_LIMIT_PER_MINUTE: '2',
        METRICS_PORT: '0',
      });
      const port = (await bot.waitForLog(/"port":(\d+)[^\n]*health and metrics listening/))[1];
      await bot.waitForLog(/Telegram bot started/);
      const base = `http://127.0.0.1:${port}`;

      const asker = testUser();
      let mark = fake.mark();
      fake.sendText(fake.privateChat(asker), asker, IN_SCOPE);
      await fake.waitForMessage(asker.id, { after: mark, timeoutMs: 15_000 });
      // A third message within the minute is over the limit of 2: one notice, no answer.
      const flooder = testUser();
      for (const text of ['/help', '/help', IN_SCOPE]) {
        mark = fake.mark();
        fake.sendText(fake.privateChat(flooder), flooder, text);
        await fake.waitForMessage(flooder.id, { after: mark, timeoutMs: 15_000 });
      }

      const { status, samples } = await scrape(base);
      expect(status).toBe(200);
      expect(sampleValue(samples, 'planbot_questions_total', { front_end: 'telegram', outcome: 'answer' })).toBe(1);
      expect(sampleValue(samples, 'planbot_rate_limited_total', { front_end: 'telegram' })).toBe(1);
      expect(sampleValue(samples, 'planbot_index_info', { version: ta.kb.version })).toBe(1);

      const health = await healthz(base);
      expect(health.status).toBe(200);
      expect(health.body.bots).toEqual({ telegram: { ok: true, mode: 'polling' } });
      expect(health.body.database).toEqual({ ok: true });
      expect(await bot.stop()).toBe(0);
      expect(bot.stderr()).not.toContain(fake.token);
    } finally {
      await bot?.stop();
      await fake.close();
    }
  }, 60_000);

  it('Slack HTTP mode: /metrics and /healthz on PORT beside /slack/events; no METRICS_PORT, no extra server', async () => {
    const TOKEN = 'xoxb-ops-test-token-0123456789';
    const SECRET = 'ops-test-signing-secret';
    const fake = await FakeSlackWebApi.start({ token: TOKEN });
    let bot: PlanbotProcess | undefined;
    try {
      bot = startPlanbot(['start'], {
        INDEXES_DIR: ta.indexesDir,
        DATA_DIR: path.join(dataDir, 'slack'),
        EMBEDDER: 'lexical',
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
      });
      const port = (await bot.waitForLog(/"port":(\d+)[^\n]*Slack app listening/))[1];
      const base = `http://127.0.0.1:${port}`;
      const sender = new SlackRequestSender(`${base}/slack/events`, SECRET, { teamId: fake.options.teamId, botUserId: fake.options.botUserId });
      const ts = nextTs();
      expect((await sender.mention({ text: '貿易投資便利化有哪些安排?', ts })).status).toBe(200);
      await fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts, 15_000);
      sender.close();

      const { samples } = await scrape(base);
      expect(sampleValue(samples, 'planbot_questions_total', { front_end: 'slack', language: 'zh-Hant', outcome: 'answer' })).toBe(1);
      expect(sampleValue(samples, 'planbot_answer_duration_seconds_count', { front_end: 'slack' })).toBe(1);
      const health = await healthz(base);
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', index: { version: ta.kb.version }, bots: { slack: { ok: true, mode: 'http' } } });
      expect(bot.stderr()).not.toContain('health and metrics listening');
      expect(await bot.stop()).toBe(0);
      expect(bot.stderr()).not.toContain(TOKEN);
      expect(bot.stderr()).not.toContain(SECRET);
    } finally {
      await bot?.stop();
      await fake.close();
    }
  }, 60_000);
});
