import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegram, type RunningTelegramBot } from '../../../src/adapters/telegram/start.js';
import { FakeTelegramApi, memoryLogger, parseTelegramHtml, testUser } from '../../helpers/fake-telegram-api.js';
import { openTelegramServices, type TelegramTestServices } from '../../helpers/telegram-services.js';

const SECRET = 'hook-secret_0123456789';

describe('webhook mode', () => {
  let ta: TelegramTestServices;
  let fake: FakeTelegramApi;
  let running: RunningTelegramBot;
  let hookUrl: string;

  beforeAll(async () => {
    ta = await openTelegramServices();
    fake = await FakeTelegramApi.start();
    const { assistant, permissions, desk, synonyms, answerMode, live } = ta.services;
    running = await startTelegram({
      assistant,
      permissions,
      desk,
      synonyms,
      answerMode,
      live,
      settings: {
        token: fake.token,
        apiRoot: fake.apiRoot,
        rateLimitPerMinute: 0,
        webhook: { url: 'https://planbot.example.org/telegram/hook', path: '/telegram/hook', secret: SECRET, host: '127.0.0.1', port: 0 },
      },
      log: memoryLogger().log,
    });
    hookUrl = `http://127.0.0.1:${running.webhookPort}/telegram/hook`;
  });

  afterAll(async () => {
    await running?.stop();
    await fake?.close();
    await ta?.cleanup();
  });

  const post = (body: unknown, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }, url = hookUrl) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('registers the webhook with its secret and does not poll', () => {
    expect(running.mode).toBe('webhook');
    expect(fake.webhook).toEqual({ url: 'https://planbot.example.org/telegram/hook', secret_token: SECRET });
    expect(fake.calls.some((c) => c.method === 'getUpdates')).toBe(false);
  });

  it('answers an update Telegram POSTs with the right secret', async () => {
    const user = testUser();
    const update = fake.buildUpdate({ message: fake.userMessage(fake.privateChat(user), user, '水資源合作有哪些安排?') });
    const mark = fake.mark();
    const res = await post(update);
    expect(res.status).toBe(200);
    const reply = await fake.waitForMessage(user.id, { after: mark });
    expect((parseTelegramHtml(String(reply.payload.text)) as { text: string }).text).toContain('§4.2.12 水資源合作');
  });

  it('refuses a wrong or missing secret with 401 and does nothing', async () => {
    const user = testUser();
    const update = fake.buildUpdate({ message: fake.userMessage(fake.privateChat(user), user, '水資源合作有哪些安排?') });
    const mark = fake.mark();
    expect((await post(update, { 'x-telegram-bot-api-secret-token': 'guess' })).status).toBe(401);
    expect((await post(update, {})).status).toBe(401);
    // Something the bot surely answers, after the refused ones.
    const other = testUser();
    expect((await post(fake.buildUpdate({ message: fake.userMessage(fake.privateChat(other), other, '/help') }))).status).toBe(200);
    await fake.waitForMessage(other.id, { after: mark });
    expect(fake.sentTo(user.id, mark)).toEqual([]);
  });

  it('other paths get 404 and a body that is not an update gets 400', async () => {
    expect((await post({ update_id: 1 }, { 'x-telegram-bot-api-secret-token': SECRET }, hookUrl.replace('/hook', '/other'))).status).toBe(404);
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ hello: 'world' })).status).toBe(400);
  });

  it('stopping waits for answers in progress, then refuses new updates', async () => {
    const user = testUser();
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const mark = fake.mark();
    await post(fake.buildUpdate({ message: fake.userMessage(fake.privateChat(user), user, '水資源合作有哪些安排?') }));
    await fake.waitFor((c) => c.method === 'sendMessage' && c.error?.error_code === 429, { after: mark });
    await running.stop();
    expect(fake.sentTo(user.id, mark)).toHaveLength(1);
    await expect(post({ update_id: 99 })).rejects.toThrow();
  });
});
