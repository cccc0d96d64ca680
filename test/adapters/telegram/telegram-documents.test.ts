import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSectionDeepLink, sectionDeepLink } from '../../../src/adapters/telegram/callback-data.js';
import { buttonData, messageId, sayTo, seen, startBotOnFake, testUser, type ApiCall, type BotOnFake, type FakeChat } from '../../helpers/fake-telegram-api.js';
import { tempDir } from '../../helpers/index-fixture.js';
import { copyCorpusWithMinutes, MINUTES_TITLE } from '../../helpers/minutes-corpus.js';
import { openTelegramServices, type TelegramTestServices } from '../../helpers/telegram-services.js';

// Meeting minutes were added next to the plan: the Telegram bot names the document of
// every citation, and its buttons, deep links and inline results carry that document.
let ta: TelegramTestServices;
let b: BotOnFake;
let cleanupCorpus: () => Promise<void>;
const user = testUser();
const chat = (): FakeChat => b.fake.privateChat(user);
const say = (text: string) => sayTo(b, chat(), user, text);

beforeAll(async () => {
  const { dir, cleanup } = await tempDir('planbot-tg-docs-');
  cleanupCorpus = cleanup;
  ta = await openTelegramServices({ corpusDir: await copyCorpusWithMinutes(path.join(dir, 'corpus')) });
  b = await startBotOnFake({ services: ta.services });
});
afterAll(async () => {
  await b?.stop();
  await ta?.cleanup();
  await cleanupCorpus?.();
});

const allButtonData = (call: ApiCall) => buttonData(call).filter(Boolean);

describe('Telegram with two documents', () => {
  it('names the minutes in the answer, with a button that opens the minutes’ section', async () => {
    const answer = await say('水文數據多久交換一次?');
    const text = seen(answer);
    expect(text).toContain(`根據《${MINUTES_TITLE}》:`);
    expect(text).toContain(`— 《${MINUTES_TITLE}》§2.1 水文數據交換`);
    expect(text).not.toContain('根據計畫');
    const data = allButtonData(answer);
    expect(data).toContain('sec:minutes:2.1');
    for (const d of data) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(64);

    const mark = b.fake.mark();
    b.fake.pressButton(chat(), user, messageId(answer), 'sec:minutes:2.1');
    const opened = await b.fake.waitForMessage(user.id, { after: mark });
    expect(seen(opened)).toContain(`《${MINUTES_TITLE}》§2.1 水文數據交換`);
    expect(seen(opened)).toContain(ta.kb().section('2.1', 'lmc-fm-minutes-2024')!.text);
  });

  it('/section takes a document; an id found only in the minutes comes with a note; an unknown document is named', async () => {
    expect(seen(await say('/section minutes:1.2'))).toContain(`《${MINUTES_TITLE}》§1.2 出席人員`);
    const elsewhere = seen(await say('/section 2.1'));
    expect(elsewhere).toContain(`主文件沒有第 2.1 節;以下是《${MINUTES_TITLE}》的第 2.1 節。`);
    expect(elsewhere).toContain('汛期水文數據');
    const plan = await say('/section 4.2.3');
    expect(seen(plan)).toContain('§4.2.3 貿易投資便利化');
    expect(seen(await say('/section agenda:1.2'))).toBe('沒有名為「agenda」的文件。可用 /docs 查看文件清單。');
  });

  it('a chapter of the minutes lists its parts as buttons carrying the document', async () => {
    const chapter = await say('/section minutes:2');
    expect(allButtonData(chapter)).toEqual(['sec:minutes:2.1', 'sec:minutes:2.2']);
  });

  it('/docs lists the documents with title, language, version date and section count', async () => {
    const text = seen(await say('/docs'));
    expect(text).toContain('文件清單:');
    expect(text).toContain('瀾湄合作五年行動計畫(2023-2027)(代號 plan;zh-Hant;版本日期 2023-12-25;41 節)');
    expect(text).toContain(`${MINUTES_TITLE}(代號 minutes;zh-Hant;版本日期 2024-08-15;7 節)`);
  });

  it('a deep link opens a section of the minutes', async () => {
    const link = sectionDeepLink('minutes:1.2')!;
    expect(link).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(parseSectionDeepLink(link)).toBe('minutes:1.2');
    expect(seen(await say(`/start ${link}`))).toContain(`《${MINUTES_TITLE}》§1.2 出席人員`);
    // The main document's links stay as they were.
    expect(sectionDeepLink('4.2.3')).toBe('sec_4_2_3');
  });

  it('inline results of the minutes carry the document in the title, the signature and the deep link', async () => {
    const update = b.fake.inlineQuery(user, '汛期水文數據');
    const call = await b.fake.waitFor((c) => c.method === 'answerInlineQuery' && c.payload.inline_query_id === update.inline_query!.id);
    const results = call.payload.results as { id: string; title: string; input_message_content: { message_text: string }; reply_markup?: { inline_keyboard: { url: string }[][] } }[];
    const minutes = results.find((r) => r.title.includes('§2.1'))!;
    expect(minutes.title).toBe(`《${MINUTES_TITLE}》§2.1 水文數據交換`);
    expect(minutes.input_message_content.message_text).toContain(`— ${MINUTES_TITLE}`);
    const url = minutes.reply_markup!.inline_keyboard[0]![0]!.url;
    expect(parseSectionDeepLink(new URL(url).searchParams.get('start')!)).toBe('minutes:2.1');
    for (const r of results) expect(Buffer.byteLength(r.id)).toBeLessThanOrEqual(64);
  });
});
