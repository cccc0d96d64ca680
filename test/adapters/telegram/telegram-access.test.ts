import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { simulateUsers } from '../../../scripts/bench/telegram-traffic.js';
import { tr } from '../../../src/adapters/telegram/strings.js';
import { sharedText } from '../../../src/adapters/shared/strings.js';
import { sayTo, seen, startBotOnFake, testUser, type ApiCall, type BotOnFake, type FakeChat } from '../../helpers/fake-telegram-api.js';
import { openTelegramServices, type TelegramTestServices } from '../../helpers/telegram-services.js';

const say = (b: BotOnFake, chat: FakeChat, from: ReturnType<typeof testUser>, text: string): Promise<ApiCall> => sayTo(b, chat, from, text);

let ta: TelegramTestServices;
beforeAll(async () => {
  ta = await openTelegramServices();
});
afterAll(async () => {
  await ta?.cleanup();
});

describe('TELEGRAM_ALLOWED_CHAT_IDS', () => {
  const member = testUser();
  const stranger = testUser({ language_code: 'en' });
  const team: FakeChat = { id: -100_777, type: 'supergroup', title: 'Team' };
  const otherGroup: FakeChat = { id: -100_888, type: 'supergroup', title: 'Elsewhere' };
  let b: BotOnFake;
  beforeAll(async () => {
    b = await startBotOnFake({ services: ta.services, settings: { allowedChatIds: [String(member.id), String(team.id)] } });
  });
  afterAll(async () => b?.stop());

  it('serves the listed chats', async () => {
    expect(seen(await say(b, b.fake.privateChat(member), member, '水資源合作有哪些安排?'))).toContain('§4.2.12 水資源合作');
    expect(seen(await say(b, team, stranger, '/ask@planbot_test_bot 水資源合作有哪些安排?'))).toContain('§4.2.12 水資源合作');
  });

  it('other chats get a polite refusal and nothing else', async () => {
    const chat = b.fake.privateChat(stranger);
    const mark = b.fake.mark();
    const refusal = await say(b, chat, stranger, '/ask 水資源合作有哪些安排?');
    expect(seen(refusal)).toBe(tr('notAllowed', 'zh-Hant'));
    const group = await say(b, otherGroup, member, '@planbot_test_bot 水資源合作有哪些安排?');
    expect(seen(group)).toBe(tr('notAllowed', 'zh-Hant'));
    const toStranger = b.fake.calls.slice(mark).filter((c) => [stranger.id, otherGroup.id].includes(Number(c.payload.chat_id)));
    expect(toStranger.map((c) => c.method)).toEqual(['sendMessage', 'sendMessage']); // no typing, no answer
  });

  it('refuses inline queries from users who are not listed', async () => {
    const update = b.fake.inlineQuery(stranger, '水資源');
    const call = await b.fake.waitFor((c) => c.method === 'answerInlineQuery' && c.payload.inline_query_id === update.inline_query!.id);
    expect(call.payload.results).toEqual([]);
    expect(call.payload.button).toMatchObject({ text: tr('inlineNotAllowed', 'zh-Hant') });
  });
});

describe('per-user rate limit', () => {
  const user = testUser();
  const other = testUser();
  let b: BotOnFake;
  // The limiter (rate-limiter-flexible) reads the system clock: only Date is faked, timers stay real.
  let clock = Date.now();
  const tick = (ms: number) => vi.setSystemTime((clock += ms));
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(clock);
    b = await startBotOnFake({ services: ta.services, settings: { rateLimitPerMinute: 2 } });
  });
  afterAll(async () => {
    await b?.stop();
    vi.useRealTimers();
  });

  it('past the limit the user gets one polite notice, then silence, until the window has passed', async () => {
    const chat = b.fake.privateChat(user);
    await say(b, chat, user, '水資源合作有哪些安排?');
    tick(10_000);
    await say(b, chat, user, '農業合作有哪些安排?');
    tick(10_000);
    expect(seen(await say(b, chat, user, '減貧合作有哪些安排?'))).toBe(sharedText('rateLimited', 'zh-Hant', { seconds: 40 }));
    // A further message in the window is dropped without another notice; another user is not affected.
    const mark = b.fake.mark();
    b.fake.sendText(chat, user, '還有呢?');
    expect(seen(await say(b, b.fake.privateChat(other), other, '/help'))).toContain('/section');
    await say(b, b.fake.privateChat(other), other, '/toc'); // the dropped message has been handled by now (same process, earlier update)
    expect(b.fake.sentTo(user.id, mark)).toEqual([]);
    tick(60_000);
    expect(seen(await say(b, chat, user, '水資源合作有哪些安排?'))).toContain('§4.2.12 水資源合作');
  });
});

describe('long documents', () => {
  let corpusDir: string;
  let long: TelegramTestServices;
  let b: BotOnFake;
  const paragraphs = Array.from({ length: 40 }, (_, i) => `第${i + 1}段:推動跨境電商、R&D <研發> 與「數位」合作,完善機制,擴大交流${'並加強區域協調'.repeat(20)}。`);

  beforeAll(async () => {
    corpusDir = await mkdtemp(path.join(os.tmpdir(), 'planbot-long-corpus-'));
    await writeFile(
      path.join(corpusDir, 'corpus.json'),
      JSON.stringify({ documents: [{ id: 'long-doc', file: 'long.txt', title: '測試計畫 R&D <2025>', language: 'zh-Hant' }] }),
    );
    await writeFile(path.join(corpusDir, 'long.txt'), ['本文件用於測試長訊息。', '一、總則', '總則內容:R&D <合作> & "引號"。', '二、詳細安排', ...paragraphs].join('\n'));
    long = await openTelegramServices({ corpusDir });
    b = await startBotOnFake({ services: long.services });
  });
  afterAll(async () => {
    await b?.stop();
    await long?.cleanup();
    await rm(corpusDir, { recursive: true, force: true });
  });

  it('a section longer than 4,096 characters arrives as several messages, cut between paragraphs, nothing lost', async () => {
    const user = testUser();
    const chat = b.fake.privateChat(user);
    const section = long.kb().section('2')!;
    expect(section.text.length).toBeGreaterThan(6000);
    const mark = b.fake.mark();
    b.fake.sendText(chat, user, '/section 2');
    // Wait for the last part: the one that ends with the last paragraph.
    await b.fake.waitFor((c) => c.method === 'sendMessage' && !c.error && seen(c).includes(paragraphs.at(-1)!), { after: mark });
    const parts = b.fake.sentTo(user.id, mark);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const p of parts) {
      expect(String(p.payload.text).length).toBeLessThanOrEqual(4096);
      expect(p.payload.text).toMatch(/^(<b>|<blockquote>)/);
      expect(seen(p)).toMatch(/(。|詳細安排)\s*$/); // every part ends at the end of a paragraph
    }
    const all = parts.map(seen).join('\n');
    for (const paragraph of paragraphs) expect(all).toContain(paragraph);
  });

  it('document text is escaped: <, > and & show literally', async () => {
    const user = testUser();
    const reply = await say(b, b.fake.privateChat(user), user, '/section 1');
    expect(reply.payload.text).toContain('R&amp;D &lt;合作&gt; &amp; "引號"');
    expect(seen(reply)).toContain('總則內容:R&D <合作> & "引號"。');
    const about = await say(b, b.fake.privateChat(user), user, '/about');
    expect(seen(about)).toContain('測試計畫 R&D <2025>');
  });
});

describe('"typing…" while working', () => {
  let slow: TelegramTestServices;
  let b: BotOnFake;
  beforeAll(async () => {
    // The Assistant's writer hook (where an LLM rewrites answers) taking its time, like a real model.
    slow = await openTelegramServices({ assistant: { writer: { write: () => new Promise((resolve) => setTimeout(() => resolve(undefined), 600)) } } });
    b = await startBotOnFake({ services: slow.services });
  });
  afterAll(async () => {
    await b?.stop();
    await slow?.cleanup();
  });

  it('shows "typing…" in the chat when an answer takes a noticeable time, before the answer', async () => {
    const user = testUser();
    const mark = b.fake.mark();
    const reply = await say(b, b.fake.privateChat(user), user, '水資源合作有哪些安排?');
    const typing = b.fake.calls.slice(mark).filter((c) => c.method === 'sendChatAction' && c.payload.chat_id === user.id);
    expect(typing.length).toBeGreaterThanOrEqual(1);
    expect(typing[0]!.payload.action).toBe('typing');
    expect(typing[0]!.at).toBeLessThan(reply.at);
    expect(seen(reply)).toContain('§4.2.12 水資源合作');
  });

  it('sends no status for an answer that is ready at once (it would only flash)', async () => {
    const fast = await startBotOnFake({ services: ta.services });
    try {
      const user = testUser();
      const mark = fast.fake.mark();
      await say(fast, fast.fake.privateChat(user), user, '水資源合作有哪些安排?');
      await new Promise((r) => setTimeout(r, 300));
      expect(fast.fake.calls.slice(mark).filter((c) => c.method === 'sendChatAction')).toEqual([]);
    } finally {
      await fast.stop();
    }
  });
});

describe('many users at once', () => {
  it('answers every update, and the messages of one chat in the order they were sent', async () => {
    const b = await startBotOnFake({ services: ta.services });
    try {
      const { latencies, lost } = await simulateUsers(b.fake, { users: 20, questionsPerUser: 3, questions: ['水資源合作有哪些安排?', '4.2.3', '/help', '農業合作'], timeoutMs: 10_000 });
      expect(lost).toBe(0);
      expect(latencies).toHaveLength(60);

      const user = testUser();
      const chat = b.fake.privateChat(user);
      const mark = b.fake.mark();
      // The first reply is held up (Telegram asks to wait a second); the later ones must still come after it.
      b.fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
      for (const q of ['/section 1', '/section 2', '/section 3', '/section 4.2.3']) b.fake.sendText(chat, user, q);
      await b.fake.waitFor((c) => c.method === 'sendMessage' && c.payload.chat_id === user.id && seen(c).startsWith('§4.2.3'), { after: mark });
      expect(b.fake.sentTo(user.id, mark).map((c) => seen(c).split(' ')[0])).toEqual(['§1', '§2', '§3', '§4.2.3']);
    } finally {
      await b.stop();
    }
  });
});

describe('graceful shutdown', () => {
  it('stopping lets an answer in progress finish before it resolves', async () => {
    const b = await startBotOnFake({ services: ta.services });
    try {
      const user = testUser();
      // Telegram asks the bot to wait a second before sending: the answer is still in progress when we stop.
      b.fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
      const mark = b.fake.mark();
      b.fake.sendText(b.fake.privateChat(user), user, '水資源合作有哪些安排?');
      await b.fake.waitFor((c) => c.method === 'sendMessage' && c.error?.error_code === 429, { after: mark });
      await b.running.stop();
      expect(b.fake.sentTo(user.id, mark)).toHaveLength(1);
    } finally {
      await b.stop();
    }
  });
});
