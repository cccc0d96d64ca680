import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegram, type RunningTelegramBot } from '../../../src/adapters/telegram/start.js';
import { openTestBotServices, type TestBotServices } from '../../helpers/bot-services.js';
import { FakeTelegramApi, memoryLogger, seen, testUser } from '../../helpers/fake-telegram-api.js';

const SECRET = 'replay_secret_0123';
const admin = testUser({ username: 'replay_admin' });

let tbs: TestBotServices;
let fake: FakeTelegramApi;
let running: RunningTelegramBot;

beforeAll(async () => {
  tbs = await openTestBotServices({ admins: { telegram: [String(admin.id)] } });
  fake = await FakeTelegramApi.start();
  const { assistant, permissions, desk, synonyms, answerMode, live } = tbs.services;
  running = await startTelegram({
    assistant,
    permissions,
    desk,
    synonyms,
    answerMode,
    live,
    settings: { token: fake.token, apiRoot: fake.apiRoot, rateLimitPerMinute: 0, webhook: { url: 'https://planbot.example.org/hook', path: '/hook', secret: SECRET, host: '127.0.0.1', port: 0 } },
    log: memoryLogger().log,
  });
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await fake?.close();
  await tbs?.close();
});

const post = (body: unknown) =>
  fetch(`http://127.0.0.1:${running.webhookPort}/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(body) });
const historyRows = async () => (await tbs.services.desk.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM item_status_history'))!.n;

describe('a replayed Telegram webhook update', () => {
  it('is acknowledged and applied once: a captured /setstatus POST sent again writes nothing more', async () => {
    const before = await historyRows();
    const chat = fake.privateChat(admin);
    const update = fake.buildUpdate({ message: fake.userMessage(chat, admin, '/setstatus 4.2.12 blocked note="replay"') });
    const mark = fake.mark();
    expect((await post(update)).status).toBe(200);
    await fake.waitForMessage(chat.id, { after: mark });
    for (let i = 0; i < 3; i++) expect((await post(update)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(await historyRows()).toBe(before + 1);
    expect(fake.sentTo(chat.id, mark)).toHaveLength(1);

    // A new update (a new id) is handled, and questions are still answered.
    const user = testUser();
    const m2 = fake.mark();
    expect((await post(fake.buildUpdate({ message: fake.userMessage(fake.privateChat(user), user, '水資源合作有哪些安排?') }))).status).toBe(200);
    expect(seen(await fake.waitForMessage(user.id, { after: m2 }))).toContain('4.2.12');
  });

  it('malformed webhook bodies with the right secret are refused or ignored, and the bot keeps answering', async () => {
    const raw = (body: string) =>
      fetch(`http://127.0.0.1:${running.webhookPort}/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body });
    for (const body of ['null', '[]', '42', '"update"', '{"update_id":"1"}', '{"update_id":1e400}', '{"update_id":', '']) expect((await raw(body)).status, body).toBe(400);
    // Well-formed envelopes with nonsense inside are acknowledged (Telegram would retry a 4xx forever) and handled harmlessly.
    for (const body of ['{"update_id":900001,"message":null}', '{"update_id":900002,"message":{"text":42}}', '{"update_id":900003,"callback_query":{"id":"x"}}']) {
      expect((await raw(body)).status, body).toBe(200);
    }
    const user = testUser();
    const mark = fake.mark();
    expect((await post(fake.buildUpdate({ message: fake.userMessage(fake.privateChat(user), user, '水資源合作有哪些安排?') }))).status).toBe(200);
    expect(seen(await fake.waitForMessage(user.id, { after: mark }))).toContain('4.2.12');
  });
});
