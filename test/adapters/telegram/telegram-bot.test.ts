import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tr } from '../../../src/adapters/telegram/strings.js';
import { t } from '../../../src/engine/answer/strings.js';
import { sayTo, seen, FAKE_BOT, parseTelegramHtml, startBotOnFake, testUser, type ApiCall, type BotOnFake, type FakeChat } from '../../helpers/fake-telegram-api.js';
import { openTelegramServices, type TelegramTestServices } from '../../helpers/telegram-services.js';
import { sharedText } from '../../../src/adapters/shared/strings.js';

/** The text a user sees (the HTML as Telegram renders it to plain text). */

function buttons(call: ApiCall): { text: string; callback_data?: string; url?: string }[] {
  const markup = call.payload.reply_markup as { inline_keyboard: { text: string; callback_data?: string; url?: string }[][] } | undefined;
  return markup?.inline_keyboard.flat() ?? [];
}

/** The "open section" buttons (sec:…), without 👍/👎 and language switches. */
function sectionButtons(call: ApiCall): { text: string; callback_data?: string }[] {
  return buttons(call).filter((x) => x.callback_data?.startsWith('sec:'));
}

/** The «quote» blocks of an answer, with the citation label that follows each. */
function quotesWithLabels(call: ApiCall): { quote: string; label: string }[] {
  const html = String(call.payload.text);
  const out: { quote: string; label: string }[] = [];
  for (const m of html.matchAll(/<blockquote>([\s\S]*?)<\/blockquote>\n— <b>([^<]+)<\/b>/g)) {
    out.push({ quote: (parseTelegramHtml(m[1]!) as { text: string }).text, label: (parseTelegramHtml(m[2]!) as { text: string }).text });
  }
  return out;
}

let ta: TelegramTestServices;
let b: BotOnFake;
const admin = testUser({ username: 'the_admin' });

beforeAll(async () => {
  ta = await openTelegramServices({ adminIds: [String(admin.id)] });
  b = await startBotOnFake({ services: ta.services });
});

afterAll(async () => {
  await b?.stop();
  await ta?.cleanup();
});

/** A user says something in a chat; resolves with the bot's first message in reply. */
const say = (chat: FakeChat, from: ReturnType<typeof testUser>, text: string, options: { replyTo?: number } = {}): Promise<ApiCall> => sayTo(b, chat, from, text, options);

describe('starting up', () => {
  it('registers the command menu in English and Chinese', () => {
    const en = b.fake.commands.get('')!.map((c) => c.command);
    const zh = b.fake.commands.get('zh')!;
    expect(en).toEqual(expect.arrayContaining(['start', 'help', 'ask', 'section', 'status', 'toc', 'about']));
    // Admin commands are not in the public menu.
    expect(en).not.toEqual(expect.arrayContaining(['setstatus']));
    expect(zh.map((c) => c.command)).toEqual(en);
    expect(zh.find((c) => c.command === 'toc')!.description).toBe('目錄');
  });

  it('polls for updates after removing any webhook, and never logs the token', async () => {
    await b.fake.waitFor((c) => c.method === 'getUpdates');
    const methods = b.fake.calls.map((c) => c.method);
    expect(methods.indexOf('deleteWebhook')).toBeLessThan(methods.indexOf('getUpdates'));
    expect(b.logs.raw.join('')).not.toContain(b.fake.token);
    expect(b.logs.raw.join('')).not.toContain(b.fake.token.split(':')[1]);
  });
});

describe('private chat: a question in, a cited answer out', () => {
  const user = testUser();
  const chat = () => b.fake.privateChat(user);

  it('answers with verbatim quotes, each followed by its §-citation, and a button per cited section', async () => {
    const reply = await say(chat(), user, '水資源合作有哪些安排?');
    expect(reply.payload.parse_mode).toBe('HTML');

    const quotes = quotesWithLabels(reply);
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes[0]!.label).toBe('§4.2.12 水資源合作');
    for (const { quote, label } of quotes) {
      const id = /^§([\d.]+) /.exec(label)?.[1] ?? (label === '隨計畫發布的新聞稿' ? '0' : undefined);
      expect(id, label).toBeDefined();
      const section = ta.kb().section(id!)!;
      expect(label).toBe(id === '0' ? '隨計畫發布的新聞稿' : `§${id} ${section.title}`);
      expect(section.text).toContain(quote);
    }
    expect(buttons(reply)[0]).toEqual({ text: '§4.2.12 水資源合作', callback_data: 'sec:4.2.12' });
    expect(sectionButtons(reply).map((x) => x.callback_data)).toEqual(quotes.map((q) => `sec:${/^§([\d.]+)/.exec(q.label)?.[1] ?? '0'}`));
    // The last row rates the answer.
    const markup = reply.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    expect(markup.inline_keyboard.at(-1)!.map((x) => x.text)).toEqual(['👍', '👎']);
  });

  it('escapes <b> and & from the user and the document: the HTML parses and shows them literally', async () => {
    const answered = await say(chat(), user, '水資源 <b>合作</b> & 農業?');
    expect(answered.error).toBeUndefined();
    expect(seen(answered)).not.toBe(sharedText('apology', 'zh-Hant'));
    expect(quotesWithLabels(answered).length).toBeGreaterThan(0);

    const unknown = await say(chat(), user, '/section <b>甲&乙</b>');
    expect(unknown.payload.text).toContain('&lt;b&gt;甲&amp;乙&lt;/b&gt;');
    expect(seen(unknown)).toBe(t('unknownSection', 'zh-Hant', { id: '<b>甲&乙</b>' }));
  });

  it('a question the plan does not cover gets "not covered", no quotes; English questions get English wording', async () => {
    const outOfScope = await say(chat(), user, '明天天氣如何?');
    expect(seen(outOfScope).startsWith('計畫中沒有涉及這個問題。')).toBe(true);
    expect(quotesWithLabels(outOfScope)).toEqual([]);
    const english = testUser({ language_code: 'en' });
    const reply = await say(b.fake.privateChat(english), english, 'What does the plan say about water resources?');
    expect(seen(reply).startsWith('According to the plan:')).toBe(true);
    expect(quotesWithLabels(reply)[0]!.label).toBe(`§4.2.12 ${ta.kb().translation('4.2.12', 'en')!.title}`);
  });

  it('a section number or /section shows the verbatim text of that section', async () => {
    const reply = await say(chat(), user, '/section 4.2.3');
    const text = seen(reply);
    expect(text.startsWith('§4.2.3 貿易投資便利化')).toBe(true);
    expect(text).toContain(ta.kb().section('4.2.3')!.text);
    expect(seen(await say(chat(), user, '/section'))).toBe(sharedText('sectionUsage', 'zh-Hant'));
  });

  it('/start welcomes; a deep link such as sec_4_2_3 opens that section', async () => {
    const welcome = await say(chat(), user, '/start');
    expect(seen(welcome)).toContain('瀾湄合作五年行動計畫(2023-2027)');
    const deep = await say(chat(), user, '/start sec_4_2_3');
    expect(seen(deep)).toContain(ta.kb().section('4.2.3')!.text);
    expect(seen(deep)).toContain('§4.2.3 貿易投資便利化');
    // A payload that names no section is just a welcome.
    expect(seen(await say(chat(), user, '/start sec_9_9_9'))).toBe(t('unknownSection', 'zh-Hant', { id: '9.9.9' }));
  });

  it('/help and /about answer in the user\'s language', async () => {
    expect(seen(await say(chat(), user, '/help'))).toBe(tr('help', 'zh-Hant', { bot: FAKE_BOT.username }));
    const about = seen(await say(chat(), user, '/about'));
    expect(about).toContain(ta.kb().version);
    expect(about).toContain('lexical');
    expect(about).toContain('瀾湄合作五年行動計畫(2023-2027)');
    const english = testUser({ language_code: 'en' });
    expect(seen(await say(b.fake.privateChat(english), english, '/help'))).toBe(tr('help', 'en', { bot: FAKE_BOT.username }));
  });

  it('buttons under an answer open the full text of the cited section, and the button press is answered', async () => {
    const answer = await say(chat(), user, '貿易投資便利化有哪些措施?');
    const button = buttons(answer)[0]!;
    const sectionId = button.callback_data!.slice('sec:'.length);
    const mark = b.fake.mark();
    const press = b.fake.pressButton(chat(), user, lastMessageId(answer), button.callback_data!);
    const answered = await b.fake.waitFor((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === press.callback_query!.id, { after: mark });
    expect(answered.error).toBeUndefined();
    const opened = await b.fake.waitForMessage(user.id, { after: mark });
    expect(seen(opened)).toContain(ta.kb().section(sectionId)!.text);
  });

  it('/toc lists the chapters as buttons; a chapter opens with its parts as buttons', async () => {
    const toc = await say(chat(), user, '/toc');
    const chapters = buttons(toc);
    expect(chapters.map((x) => x.text)).toEqual(['隨計畫發布的新聞稿', '§1 發展目標', '§2 基本原則', '§3 工作架構', '§4 務實合作', '§5 支撐體系']);
    const mark = b.fake.mark();
    b.fake.pressButton(chat(), user, lastMessageId(toc), 'sec:4');
    const chapter = await b.fake.waitForMessage(user.id, { after: mark });
    expect(seen(chapter)).toContain('§4 務實合作');
    expect(sectionButtons(chapter).map((x) => x.callback_data)).toEqual(['sec:4.1', 'sec:4.2', 'sec:4.3']);
  });

  it('a button from an older index or format gets a short notice, not a crash', async () => {
    const toc = await say(chat(), user, '/toc');
    const mark = b.fake.mark();
    const press = b.fake.pressButton(chat(), user, lastMessageId(toc), 'sec:9.9');
    const answered = await b.fake.waitFor((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === press.callback_query!.id, { after: mark });
    expect(answered.payload.text).toBe(t('unknownSection', 'zh-Hant', { id: '9.9' }));
  });

  it('stickers, photos and voice get "send me a text question"', async () => {
    const mark = b.fake.mark();
    b.fake.sendSticker(chat(), user);
    expect(seen(await b.fake.waitForMessage(user.id, { after: mark }))).toBe(tr('textOnly', 'zh-Hant'));
    const hans = testUser({ language_code: 'zh-hans' });
    const mark2 = b.fake.mark();
    b.fake.sendSticker(b.fake.privateChat(hans), hans);
    expect(seen(await b.fake.waitForMessage(hans.id, { after: mark2 }))).toBe(tr('textOnly', 'zh-Hans'));
  });

  it('editing a question edits the answer in place', async () => {
    const first = await say(chat(), user, '農業合作有哪些安排?');
    const questionId = lastMessageId(first) - 1; // the user's message came right before the bot's reply
    const mark = b.fake.mark();
    b.fake.editText(chat(), user, questionId, '水資源合作有哪些安排?');
    const edit = await b.fake.waitFor((c) => c.method === 'editMessageText', { after: mark });
    expect(edit.error).toBeUndefined();
    expect(edit.payload.message_id).toBe(lastMessageId(first));
    expect(seen(edit)).toContain('§4.2.12 水資源合作');
  });

  it('channel posts and edits of messages it never answered are ignored without breaking anything', async () => {
    const mark = b.fake.mark();
    b.fake.channelPost({ id: -1001234, type: 'channel', title: 'News' }, '水資源合作?');
    b.fake.editText(chat(), user, 99_999, '什麼?');
    const next = await say(chat(), user, '/help');
    expect(seen(next)).toBe(tr('help', 'zh-Hant', { bot: FAKE_BOT.username }));
    expect(b.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText')).toHaveLength(1);
  });
});

describe('follow-ups', () => {
  it('a reply to one of the bot\'s answers carries that exchange as context', async () => {
    const user = testUser();
    const chat = b.fake.privateChat(user);
    const ask = vi.spyOn(ta.services.assistant, 'ask'); // observes the real engine, does not replace it
    try {
      const first = await say(chat, user, '水資源合作有哪些安排?');
      const followUp = await say(chat, user, '它的資金從哪裡來?', { replyTo: lastMessageId(first) });
      expect(ask.mock.lastCall![0]).toBe('它的資金從哪裡來?');
      expect(ask.mock.lastCall![1]).toMatchObject({ previousQuestion: '水資源合作有哪些安排?' });
      expect(quotesWithLabels(followUp)[0]!.label).toBe('§5.2 資金支持');
      // A reply to the follow-up keeps the whole thread.
      await say(chat, user, '怎麼評估成效?', { replyTo: lastMessageId(followUp) });
      expect(ask.mock.lastCall![1]!.previousQuestion).toBe('水資源合作有哪些安排? 它的資金從哪裡來?');
      // A question that replies to nothing starts afresh.
      await say(chat, user, '農業合作有哪些安排?');
      expect(ask.mock.lastCall![1]).toBeUndefined();
    } finally {
      ask.mockRestore();
    }
  });
});

describe('groups: the bot speaks only when spoken to', () => {
  const alice = testUser();
  const group: FakeChat = { id: -100_555, type: 'supergroup', title: 'LMC officials' };

  /** Sends `text`, then a marker the bot does answer; with per-chat ordering, anything sent for `text` comes before the marker's reply. */
  async function repliesTo(text: string): Promise<ApiCall[]> {
    const mark = b.fake.mark();
    b.fake.sendText(group, alice, text);
    await say(group, alice, '/help@planbot_test_bot');
    const all = b.fake.sentTo(group.id, mark);
    return all.slice(0, -1);
  }

  it('ignores messages not addressed to it, and commands for other bots', async () => {
    expect(await repliesTo('水資源合作有哪些安排?')).toEqual([]);
    expect(await repliesTo('/ask@other_bot 水資源合作有哪些安排?')).toEqual([]);
    const mark = b.fake.mark();
    b.fake.sendSticker(group, alice);
    await say(group, alice, '/help@planbot_test_bot');
    expect(b.fake.sentTo(group.id, mark)).toHaveLength(1);
  });

  it('answers when mentioned, replying to the question', async () => {
    const mark = b.fake.mark();
    const update = b.fake.sendText(group, alice, '@planbot_test_bot 水資源合作有哪些安排?');
    const reply = await b.fake.waitForMessage(group.id, { after: mark });
    expect(quotesWithLabels(reply)[0]!.label).toBe('§4.2.12 水資源合作');
    expect(reply.payload.reply_parameters).toMatchObject({ message_id: update.message!.message_id });
  });

  it('answers /ask and /ask@bot, and a reply to its message as a follow-up', async () => {
    const asked = await say(group, alice, '/ask@planbot_test_bot 水資源合作有哪些安排?');
    expect(quotesWithLabels(asked)[0]!.label).toBe('§4.2.12 水資源合作');
    const plain = await say(group, alice, '/ask 貿易投資便利化');
    expect(quotesWithLabels(plain).length).toBeGreaterThan(0);
    const followUp = await say(group, alice, '它的資金從哪裡來?', { replyTo: lastMessageId(asked) });
    expect(quotesWithLabels(followUp)[0]!.label).toBe('§5.2 資金支持');
    expect(seen(await say(group, alice, '/ask@planbot_test_bot'))).toBe(tr('askUsage', 'zh-Hant'));
  });
});

describe('inline mode', () => {
  it('"@bot 水資源" lists matching sections to share, each posting the section with its citation', async () => {
    const user = testUser();
    const mark = b.fake.mark();
    const update = b.fake.inlineQuery(user, '水資源');
    const call = await b.fake.waitFor((c) => c.method === 'answerInlineQuery' && c.payload.inline_query_id === update.inline_query!.id, { after: mark });
    expect(call.error).toBeUndefined();
    const results = call.payload.results as { id: string; title: string; description: string; input_message_content: { message_text: string }; reply_markup: { inline_keyboard: { url: string }[][] } }[];
    const water = results.find((r) => r.id === 's:4.2.12')!;
    expect(water.title).toBe('§4.2.12 水資源合作');
    expect(ta.kb().section('4.2.12')!.text.startsWith(water.description.replace(/…$/, ''))).toBe(true);
    const posted = (parseTelegramHtml(water.input_message_content.message_text) as { text: string }).text;
    expect(posted).toContain('§4.2.12 水資源合作');
    expect(posted).toContain(ta.kb().section('4.2.12')!.text);
    expect(posted).toContain('瀾湄合作五年行動計畫(2023-2027)');
    expect(water.reply_markup.inline_keyboard[0]![0]!.url).toBe(`https://t.me/${FAKE_BOT.username}?start=sec_4_2_12`);
  });

  it('an empty query lists the chapters; a section number finds that section', async () => {
    const user = testUser();
    const empty = b.fake.inlineQuery(user, '');
    const all = await b.fake.waitFor((c) => c.method === 'answerInlineQuery' && c.payload.inline_query_id === empty.inline_query!.id);
    expect((all.payload.results as { id: string }[]).map((r) => r.id)).toEqual(['s:0', 's:1', 's:2', 's:3', 's:4', 's:5']);
    const byNumber = b.fake.inlineQuery(user, '4.2.3');
    const one = await b.fake.waitFor((c) => c.method === 'answerInlineQuery' && c.payload.inline_query_id === byNumber.inline_query!.id);
    expect((one.payload.results as { id: string }[])[0]!.id).toBe('s:4.2.3');
  });
});

describe('admin commands', () => {
  it('a non-admin is refused politely, the attempt is logged, and nothing changes', async () => {
    const user = testUser();
    const before = ta.kb().version;
    for (const command of ['/reindex', '/rollback', '/changes', '/stats']) {
      const reply = await say(b.fake.privateChat(user), user, command);
      expect(seen(reply)).toBe(tr('adminOnly', 'zh-Hant'));
    }
    expect(ta.kb().version).toBe(before);
    expect(b.logs.lines.some((l) => l.msg === 'admin command refused' && l.userId === String(user.id))).toBe(true);
  });

  it('/help lists the admin commands for admins only', async () => {
    const user = testUser();
    expect(seen(await say(b.fake.privateChat(user), user, '/help'))).not.toContain('/setstatus');
    expect(seen(await say(b.fake.privateChat(admin), admin, '/help'))).toContain(tr('adminHelp', 'zh-Hant'));
  });
});

describe('Bot API failures', () => {
  it('a 429 with retry_after is waited out and the answer still arrives', async () => {
    const user = testUser();
    const chat = b.fake.privateChat(user);
    b.fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const mark = b.fake.mark();
    const reply = await say(chat, user, '水資源合作有哪些安排?');
    const attempts = b.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage');
    expect(attempts[0]!.error?.error_code).toBe(429);
    expect(reply.payload.text).toBe(attempts[0]!.payload.text);
    expect(reply.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it('a reply Telegram refuses becomes a short note that the message was handled, and a log line with the update id', async () => {
    const user = testUser();
    const chat = b.fake.privateChat(user);
    b.fake.failNext('sendMessage', { error_code: 400, description: "Bad Request: can't parse entities: Unsupported start tag" });
    const mark = b.fake.mark();
    const update = b.fake.sendText(chat, user, '水資源合作有哪些安排?');
    const apology = await b.fake.waitFor((c) => c.method === 'sendMessage' && !c.error && c.payload.chat_id === user.id, { after: mark });
    expect(apology.payload.text).toBe(tr('replyRefused', 'zh-Hant'));
    expect(apology.payload.parse_mode).toBeUndefined();
    const line = b.logs.lines.find((l) => l.updateId === update.update_id && l.level >= 50)!;
    expect(line.msg).toBe('failed to handle a Telegram update');
    expect(line.description).toContain("can't parse entities");
    expect(b.logs.raw.join('')).not.toContain(b.fake.token);
  });
});

/** The id Telegram gave the message a sendMessage call created. */
function lastMessageId(call: ApiCall): number {
  return (call.result as { message_id: number }).message_id;
}
