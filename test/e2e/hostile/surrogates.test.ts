import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegram, type RunningTelegramBot } from '../../../src/adapters/telegram/start.js';
import { nextTs } from '../../fakes/slack-requests.js';
import { extractDocument } from '../../../src/services/reindex/ingest/extract.js';
import { isWellFormedText } from '../../../src/engine/text/well-formed.js';
import { openTestBotServices, type TestBotServices } from '../../helpers/bot-services.js';
import { FakeTelegramApi, memoryLogger, seen, startBotOnFake, testUser, type ApiCall, type BotOnFake } from '../../helpers/fake-telegram-api.js';
import { blockText, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';
import { sharedText } from '../../../src/adapters/shared/strings.js';

/**
 * Lone UTF-16 surrogates (half an emoji) in what users send: Telegram refuses any
 * message containing one, so a status note with one used to be written and then
 * answered with an apology (polling) or nothing at all (webhook).
 */

const LONE = '\uD83D'; // the first half of 😀, alone
const admin = testUser({ username: 'surrogate_admin' });
const SLACK_ADMIN = 'USURROGATEADMIN';

let tbs: TestBotServices;
let polling: BotOnFake;
let webhookFake: FakeTelegramApi;
let webhook: RunningTelegramBot;
let slack: SlackHarness;

beforeAll(async () => {
  tbs = await openTestBotServices({ admins: { telegram: [String(admin.id)], slack: [SLACK_ADMIN] } });
  polling = await startBotOnFake({ services: tbs.services });
  webhookFake = await FakeTelegramApi.start();
  const { assistant, permissions, desk, synonyms, answerMode, live } = tbs.services;
  webhook = await startTelegram({
    assistant,
    permissions,
    desk,
    synonyms,
    answerMode,
    live,
    settings: { token: webhookFake.token, apiRoot: webhookFake.apiRoot, rateLimitPerMinute: 0, webhook: { url: 'https://planbot.example.org/hook', path: '/hook', secret: 'hook_secret_1', host: '127.0.0.1', port: 0 } },
    log: memoryLogger().log,
  });
  slack = await startSlackHarness({ services: tbs.services });
}, 60_000);

afterAll(async () => {
  await slack?.close();
  await webhook?.stop();
  await webhookFake?.close();
  await polling?.stop();
  await tbs?.close();
});

function allWellFormed(value: unknown): boolean {
  if (typeof value === 'string') return isWellFormedText(value);
  if (Array.isArray(value)) return value.every(allWellFormed);
  if (value && typeof value === 'object') return Object.values(value).every(allWellFormed);
  return true;
}

const note = async (sectionId: string) => (await tbs.services.desk.status.store.get(sectionId))?.note;

/** Every message the chat got after `mark`, once the bot is done. */
async function repliesTo(fake: FakeTelegramApi, chatId: number, mark: number): Promise<ApiCall[]> {
  await fake.waitForMessage(chatId, { after: mark, timeoutMs: 10_000 }).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 300));
  return fake.calls.slice(mark).filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId);
}

describe('lone surrogates', () => {
  it('a status note with one, in polling mode: written once (U+FFFD in its place) and confirmed, no apology', async () => {
    const chat = polling.fake.privateChat(admin);
    const mark = polling.fake.mark();
    polling.fake.sendText(chat, admin, `/setstatus 4.2.12 in_progress note="進展順利${LONE}下一步"`);
    const replies = await repliesTo(polling.fake, chat.id, mark);
    expect(polling.fake.calls.slice(mark).filter((c) => c.error)).toEqual([]);
    expect(replies).toHaveLength(1);
    const text = seen(replies[0]!);
    expect(text).not.toContain(sharedText('apology', 'zh-Hant'));
    expect(text).toContain('4.2.12');
    expect(text).toContain('進展順利\uFFFD下一步');
    expect(await note('4.2.12')).toBe('進展順利\uFFFD下一步');
  });

  it('a status note with one, in webhook mode: confirmed too', async () => {
    const chat = webhookFake.privateChat(admin);
    const update = webhookFake.buildUpdate({ message: webhookFake.userMessage(chat, admin, `/setstatus 4.2.10 done note="${LONE}完成"`) });
    const mark = webhookFake.mark();
    const res = await fetch(`http://127.0.0.1:${webhook.webhookPort}/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'hook_secret_1' },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    const replies = await repliesTo(webhookFake, chat.id, mark);
    expect(webhookFake.calls.slice(mark).filter((c) => c.error)).toEqual([]);
    expect(replies).toHaveLength(1);
    expect(seen(replies[0]!)).toContain('4.2.10');
    expect(seen(replies[0]!)).toContain('\uFFFD完成');
    expect(await note('4.2.10')).toBe('\uFFFD完成');
  });

  it('a question with one is answered, and the status card showing an old note with one is sent', async () => {
    // (SQLite stores UTF-8, so a stored note never holds a lone surrogate: node-sqlite3 writes U+FFFD.)
    await tbs.services.desk.db.run('UPDATE item_status SET note = ? WHERE section_id = ?', [`舊${LONE}紀錄`, '4.2.12']);
    const user = testUser();
    const chat = polling.fake.privateChat(user);
    let mark = polling.fake.mark();
    polling.fake.sendText(chat, user, `水資源合作有哪些安排${LONE}?`);
    let replies = await repliesTo(polling.fake, chat.id, mark);
    expect(replies.length).toBeGreaterThan(0);
    expect(seen(replies[0]!)).toContain('4.2.12');
    mark = polling.fake.mark();
    polling.fake.sendText(chat, user, '/status 4.2.12');
    replies = await repliesTo(polling.fake, chat.id, mark);
    expect(polling.fake.calls.slice(mark).filter((c) => c.error)).toEqual([]);
    expect(seen(replies[0]!)).toContain('舊\uFFFD紀錄');
  });

  it('in Slack: a /plan setstatus note and a question with one get well-formed replies', async () => {
    const url = slack.fake.responseUrl();
    await slack.sender.command({ text: `setstatus 4.2.5 in_progress note="Slack${LONE}note"`, user_id: SLACK_ADMIN, response_url: url });
    const reply = await slack.fake.waitForResponse((r) => url.endsWith(`/${r.id}`));
    const text = `${String(reply.body.text ?? '')}\n${blockText(reply.body.blocks)}`;
    expect(allWellFormed(reply.body)).toBe(true);
    expect(text).toContain('4.2.5');
    expect(text).toContain('Slack\uFFFDnote');
    expect(await note('4.2.5')).toBe('Slack\uFFFDnote');

    const ts = nextTs();
    await slack.sender.mention({ text: `貿易投資便利化${LONE}有哪些安排?`, ts });
    const post = await slack.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts, 15_000);
    expect(allWellFormed(post.params)).toBe(true);
    expect(JSON.stringify(post.params)).toContain('4.2.3');
  });

  it('a document with one (UTF-16 text, which decodes unpaired halves as they are) is read with U+FFFD in its place', async () => {
    const text = `\uFEFF${'水資源合作方面要加強各國的協調與交流。'.repeat(20)}${LONE}下一步。\n`;
    const bytes = Buffer.alloc(text.length * 2);
    for (let i = 0; i < text.length; i++) bytes.writeUInt16LE(text.charCodeAt(i), i * 2);
    const doc = await extractDocument('plan.txt', bytes, { maxBytes: 1_000_000 });
    expect(isWellFormedText(doc.text)).toBe(true);
    expect(doc.text).toContain('交流。\uFFFD下一步。');
  });
});
