import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tr } from '../../../src/adapters/telegram/strings.js';
import { st } from '../../../src/services/status/strings.js';
import { sayTo, messageId, buttonData, seen, startBotOnFake, testUser, type ApiCall, type BotOnFake, type FakeChat } from '../../helpers/fake-telegram-api.js';
import { openTelegramServices, type TelegramTestServices } from '../../helpers/telegram-services.js';
import { sharedText } from '../../../src/adapters/shared/strings.js';

/** Status tracking, the question log and 👍/👎 through the real bot and a real SQLite file (issue 5, Telegram side). */

let ts: TelegramTestServices;
let b: BotOnFake;
const admin = testUser({ username: 'chen_director' });
const member = testUser();
const english = testUser({ language_code: 'en' });

beforeAll(async () => {
  ts = await openTelegramServices({ adminIds: [String(admin.id)] });
  b = await startBotOnFake({ services: ts.services });
});

afterAll(async () => {
  await b?.stop();
  await ts?.cleanup();
});

const say = (from: ReturnType<typeof testUser>, text: string, chat: FakeChat = b.fake.privateChat(from)): Promise<ApiCall> => sayTo(b, chat, from, text);

async function press(from: ReturnType<typeof testUser>, call: ApiCall, data: string): Promise<ApiCall> {
  const mark = b.fake.mark();
  const update = b.fake.pressButton(b.fake.privateChat(from), from, messageId(call), data);
  return b.fake.waitFor((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === update.callback_query!.id, { after: mark });
}

const store = () => ts.services.desk.status.store;

describe('status of plan items', () => {
  it('/status 4.2.12 before anything is recorded says so, with a button to the section', async () => {
    const reply = await say(member, '/status 4.2.12');
    expect(seen(reply)).toBe(`§4.2.12 水資源合作\n${st('noStatus', 'zh-Hant')}`);
    expect(buttonData(reply)).toEqual(['sec:4.2.12']);
  });

  it('an admin sets the status with /setstatus; quotes and HTML in the note arrive intact', async () => {
    const reply = await say(admin, '/setstatus 4.2.12 in_progress owner="水利部" due=2027-06-30 note="第一期 <調查> & 設計"');
    const text = seen(reply);
    expect(text.startsWith(st('updatedOk', 'zh-Hant', { section: '§4.2.12 水資源合作' }))).toBe(true);
    expect(text).toContain('狀態: 進行中');
    expect(text).toContain('牽頭單位: 水利部');
    expect(text).toContain('預計完成: 2027-06-30');
    expect(text).toContain('備註: 第一期 <調查> & 設計');
    expect(text).toContain('@chen_director (telegram)');
    const record = await store().get('4.2.12');
    expect(record).toMatchObject({ status: 'in_progress', owner: '水利部', dueDate: '2027-06-30', note: '第一期 <調查> & 設計', updatedBy: { platform: 'telegram', userId: String(admin.id) } });
  });

  it('natural questions in Chinese and English get the status card, logged as questions with 👍/👎', async () => {
    const before = await ts.services.desk.questions.count();
    const zh = await say(member, '4.2.12 進展如何?');
    expect(seen(zh)).toContain('§4.2.12 水資源合作\n狀態: 進行中\n牽頭單位: 水利部');
    expect(buttonData(zh)).toEqual(['sec:4.2.12', expect.stringMatching(/^fb:up:/), expect.stringMatching(/^fb:down:/)]);
    const en = await say(english, "What's the status of 4.2.12?");
    expect(seen(en)).toContain('Status: in progress');
    expect(seen(en)).toContain('Lead agency: 水利部');
    expect(await ts.services.desk.questions.count()).toBe(before + 2);
  });

  it('a non-admin is refused politely and nothing is written', async () => {
    const history = await store().changeCount('4.2.12');
    const reply = await say(member, '/setstatus 4.2.12 done note="不可以"');
    expect(seen(reply)).toBe(tr('adminOnly', 'zh-Hant'));
    expect(await store().get('4.2.12')).toMatchObject({ status: 'in_progress', note: '第一期 <調查> & 設計' });
    expect(await store().changeCount('4.2.12')).toBe(history);
    expect(b.logs.lines.some((l) => l.msg === 'admin command refused' && l.command === 'setstatus')).toBe(true);
  });

  it('invalid input is explained with the valid values, and nothing is written', async () => {
    const history = await store().changeCount('4.2.12');
    const unknownSection = seen(await say(admin, '/setstatus 4.2.99 done'));
    expect(unknownSection).toContain('計畫中沒有章節「4.2.99」');
    expect(unknownSection).toContain(st('nothingWritten', 'zh-Hant'));
    const unknownStatus = seen(await say(admin, '/setstatus 4.2.12 finished-ish'));
    expect(unknownStatus).toContain('不認識狀態「finished-ish」');
    expect(unknownStatus).toContain('in_progress');
    const badDate = seen(await say(admin, '/setstatus 4.2.12 due=2027-02-30'));
    expect(badDate).toContain('2027-02-30');
    expect(badDate).toContain(st('nothingWritten', 'zh-Hant'));
    expect(await store().changeCount('4.2.12')).toBe(history);
  });

  it('/status shows the overview by chapter, /status in_progress the items with that status', async () => {
    const overview = seen(await say(member, '/status'));
    expect(overview.startsWith(st('overviewTitle', 'zh-Hant'))).toBe(true);
    expect(overview).toContain('▓');
    expect(overview).toContain('§4 務實合作');
    const list = await say(member, '/status in_progress');
    expect(seen(list)).toContain('• §4.2.12 水資源合作 — 水利部, 2027-06-30');
    expect(buttonData(list)).toContain('sec:4.2.12');
  });
});

describe('👍/👎 and /stats', () => {
  it('a vote is stored against the logged question; a second vote replaces the first; each press is answered', async () => {
    const answer = await say(member, '水資源合作有哪些安排?');
    const up = buttonData(answer).find((d) => d.startsWith('fb:up:'))!;
    const down = buttonData(answer).find((d) => d.startsWith('fb:down:'))!;
    const before = (await ts.services.desk.questions.stats()).feedback;
    const first = await press(member, answer, up);
    expect(first.error).toBeUndefined();
    expect(first.payload.text).toBe(st('feedbackThanks', 'zh-Hant'));
    const second = await press(member, answer, down);
    expect(second.payload.text).toBe(st('feedbackChanged', 'zh-Hant'));
    const after = (await ts.services.desk.questions.stats()).feedback;
    expect(after.up).toBe(before.up);
    expect(after.down).toBe(before.down + 1);
  });

  it('a vote on an answer the log no longer has is answered with a short notice', async () => {
    const answer = await say(member, '農業合作有哪些安排?');
    const reply = await press(member, answer, 'fb:up:unknownref123');
    expect(reply.payload.text).toBe(st('feedbackUnknown', 'zh-Hant'));
  });

  it('/stats shows admins the questions, the most-cited sections and the feedback', async () => {
    const text = seen(await say(admin, '/stats'));
    expect(text.startsWith(st('statsTitle', 'zh-Hant'))).toBe(true);
    expect(text).toMatch(/今日提問:\d+/);
    expect(text).toContain('§4.2.12 水資源合作');
    expect(text).toContain('👎 1');
  });
});

describe('/about', () => {
  it('adds the database health, items tracked, the last status change and the answer mode', async () => {
    const text = seen(await say(member, '/about'));
    expect(text).toContain(ts.kb().version);
    expect(text).toContain(st('dbOk', 'zh-Hant'));
    expect(text).toContain(st('itemsTracked', 'zh-Hant', { n: 1 }));
    expect(text).toContain('最近狀態變更:§4.2.12 水資源合作 → 進行中');
    expect(text).toContain(`${sharedText('aboutAnswers', 'zh-Hant')}: ${sharedText('answerModeExtractive', 'zh-Hant')}`);
    expect(seen(await say(english, '/about'))).toContain('Answers: extractive (quotes the plan; no language model)');
  });
});
