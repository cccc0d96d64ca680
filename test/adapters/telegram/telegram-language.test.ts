import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/engine/answer/strings.js';
import { tr } from '../../../src/adapters/telegram/strings.js';
import { sayTo, messageId, seen, startBotOnFake, testUser, type ApiCall, type BotOnFake } from '../../helpers/fake-telegram-api.js';
import { openTelegramServices, type TelegramTestServices } from '../../helpers/telegram-services.js';

/** Issue 8 in Telegram: /section with a language switch, and outdated translations flagged, never shown as current. */

function buttons(call: ApiCall): { text: string; callback_data?: string }[] {
  const markup = call.payload.reply_markup as { inline_keyboard: { text: string; callback_data?: string }[][] } | undefined;
  return markup?.inline_keyboard.flat() ?? [];
}

const ENGLISH_4_2_3 = 'Speed up the completion and effective implementation of the Lancang-Mekong Cross-Border Economic Cooperation Five-Year Development Plan';

const say = (b: BotOnFake, from: ReturnType<typeof testUser>, text: string): Promise<ApiCall> => sayTo(b, b.fake.privateChat(from), from, text);

/** Presses a button under `call`; resolves with the edit it caused. */
async function flip(b: BotOnFake, from: ReturnType<typeof testUser>, call: ApiCall, data: string): Promise<ApiCall> {
  const mark = b.fake.mark();
  b.fake.pressButton(b.fake.privateChat(from), from, messageId(call), data);
  const edit = await b.fake.waitFor((c) => c.method === 'editMessageText', { after: mark });
  expect(b.fake.calls.slice(mark).some((c) => c.method === 'answerCallbackQuery' && !c.error)).toBe(true);
  return edit;
}

describe('/section with a current translation', () => {
  let ts: TelegramTestServices;
  let b: BotOnFake;
  beforeAll(async () => {
    ts = await openTelegramServices();
    b = await startBotOnFake({ services: ts.services });
  });
  afterAll(async () => {
    await b?.stop();
    await ts?.cleanup();
  });

  it('shows the Chinese text with a switch to the unofficial English translation, and back, in place', async () => {
    const user = testUser({ language_code: 'en' });
    const zh = await say(b, user, '/section 4.2.3');
    expect(seen(zh)).toContain(ts.kb().section('4.2.3')!.text);
    expect(seen(zh)).not.toContain(ENGLISH_4_2_3);
    const toEnglish = buttons(zh).find((x) => x.callback_data === 'sl:en:4.2.3')!;
    expect(toEnglish.text).toBe(tr('showEnglish', 'en'));

    const en = await flip(b, user, zh, toEnglish.callback_data!);
    expect(en.error).toBeUndefined();
    expect(en.payload.message_id).toBe(messageId(zh));
    const english = seen(en);
    expect(english.startsWith('§4.2.3 Trade and investment facilitation')).toBe(true);
    expect(english).toContain(tr('translationNotice', 'en'));
    expect(english).toContain(ENGLISH_4_2_3);
    expect(english).toContain('/section 4.2.3');
    expect(buttons(en).map((x) => x.callback_data)).toEqual(['sl:zh:4.2.3']);

    const back = await flip(b, user, zh, 'sl:zh:4.2.3');
    expect(seen(back)).toBe(seen(zh));
    expect(buttons(back)).toEqual(buttons(zh));
  });

  it('a chapter keeps its parts as buttons in both languages; Chinese readers get Chinese labels', async () => {
    const user = testUser();
    const zh = await say(b, user, '/section 4');
    expect(buttons(zh).map((x) => x.callback_data)).toEqual(['sec:4.1', 'sec:4.2', 'sec:4.3', 'sl:en:4']);
    expect(buttons(zh).at(-1)!.text).toBe(tr('showEnglish', 'zh-Hant'));
    const en = await flip(b, user, zh, 'sl:en:4');
    expect(buttons(en).map((x) => x.callback_data)).toEqual(['sec:4.1', 'sec:4.2', 'sec:4.3', 'sl:zh:4']);
  });
});

describe('after the Chinese text of §4.2.3 changed (translation outdated)', () => {
  let ts: TelegramTestServices;
  let b: BotOnFake;
  beforeAll(async () => {
    ts = await openTelegramServices({
      editPlan: (text) => {
        const from = '加強標準化、計量、反壟斷合作。';
        if (!text.includes(from)) throw new Error('the plan no longer contains the edited sentence');
        return text.replace(from, '加強標準化、計量、檢驗檢疫和反壟斷合作,推動口岸通關便利化。');
      },
    });
    b = await startBotOnFake({ services: ts.services });
  });
  afterAll(async () => {
    await b?.stop();
    await ts?.cleanup();
  });

  it('/section flags the translation as outdated and withholds it', async () => {
    const user = testUser({ language_code: 'en' });
    const zh = await say(b, user, '/section 4.2.3');
    expect(seen(zh)).toContain('檢驗檢疫和反壟斷合作');
    const button = buttons(zh).find((x) => x.callback_data === 'sl:en:4.2.3')!;
    expect(button.text).toBe(tr('showEnglishOutdated', 'en'));
    const en = seen(await flip(b, user, zh, button.callback_data!));
    expect(en).toContain(tr('translationOutdated', 'en', { section: '§4.2.3 貿易投資便利化' }));
    expect(en).not.toContain(ENGLISH_4_2_3);
  });

  it('an English answer citing it says so and quotes the Chinese, as the Assistant wrote it', async () => {
    const user = testUser({ language_code: 'en' });
    const reply = await say(b, user, 'What does the plan say about trade and investment facilitation?');
    const html = String(reply.payload.text);
    const note = t('outdatedTranslation', 'en', { section: '§4.2.3' });
    expect(seen(reply)).toContain(note);
    expect(html).toContain(`<i>${note}</i>`);
    expect(seen(reply)).toContain('檢驗檢疫和反壟斷合作');
    expect(seen(reply)).not.toContain(ENGLISH_4_2_3);
  });
});
