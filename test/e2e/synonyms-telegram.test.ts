import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/engine/answer/strings.js';
import { tr } from '../../src/adapters/telegram/strings.js';
import { sy } from '../../src/services/synonyms/strings.js';
import { sayTo, seen, startBotOnFake, testUser, type ApiCall, type BotOnFake } from '../helpers/fake-telegram-api.js';
import { openTelegramServices, type TelegramTestServices } from '../helpers/telegram-services.js';

/**
 * Issue 11, item 3 in Telegram: an admin teaches a synonym with /synonym and a question
 * refused before is answered at once, without re-indexing. 颶颱 is an invented word
 * (no thesaurus or dictionary knows it), so only the taught synonym can bridge it.
 */

let ts: TelegramTestServices;
let b: BotOnFake;
const admin = testUser({ username: 'chen_director', language_code: 'zh-hant' });
const member = testUser();

// Nothing but 颶颱 says what it is about (怎麼辦 only asks what to do; 重建 alone would find §4.1.3.3).
const QUESTION = '颶颱怎麼辦?';
const UNRELATED = '足球世界盃誰會奪冠?';

beforeAll(async () => {
  ts = await openTelegramServices({ adminIds: [String(admin.id)] });
  b = await startBotOnFake({ services: ts.services });
});

afterAll(async () => {
  await b?.stop();
  await ts?.cleanup();
});

const say = (from: ReturnType<typeof testUser>, text: string): Promise<ApiCall> => sayTo(b, b.fake.privateChat(from), from, text);
const taught = () => ts.services.synonyms.taught.store.list();

describe('/synonym in Telegram', () => {
  it('a question in a word the plan does not use is refused, and logged as unanswered', async () => {
    expect(seen(await say(member, QUESTION))).toContain(t('notCovered', 'zh-Hant'));
    expect(seen(await say(member, UNRELATED))).toContain(t('notCovered', 'zh-Hant'));
  });

  it('a non-admin is refused politely and nothing is taught', async () => {
    const reply = await say(member, '/synonym 颶颱 = 災害');
    expect(seen(reply)).toBe(tr('adminOnly', 'zh-Hant'));
    expect(await taught()).toEqual([]);
    expect(seen(await say(member, QUESTION))).toContain(t('notCovered', 'zh-Hant'));
  });

  it('invalid input is explained and nothing is taught', async () => {
    const cases: [string, string][] = [
      ['/synonym 颶颱 災害', sy('usage', 'zh-Hant')],
      ['/synonym = 災害', sy('emptyTerm', 'zh-Hant')],
      ['/synonym 颶颱 =', sy('emptyTarget', 'zh-Hant')],
      ['/synonym 災害 = 灾害', sy('sameWord', 'zh-Hant', { word: '灾害' })],
      ['/synonym 颶颱 = 火星殖民', sy('notInPlan', 'zh-Hant', { word: '火星殖民' })],
      [`/synonym ${'颶'.repeat(41)} = 災害`, sy('tooLong', 'zh-Hant', { word: `${'颶'.repeat(40)}…`, max: 40 })],
    ];
    for (const [command, expected] of cases) {
      const text = seen(await say(admin, command));
      expect(text, command).toContain(expected);
    }
    expect(await taught()).toEqual([]);
  });

  it('an admin teaches 颶颱 = 災害: the reply reports the replayed unanswered questions, and the question is answered at once', async () => {
    const reply = seen(await say(admin, '/synonym 颶颱 = 災害'));
    expect(reply).toContain(sy('added', 'zh-Hant', { pairs: '颶颱 = 災害', term: '颶颱' }));
    expect(reply).toContain(`${sy('replaySummary', 'zh-Hant', { n: 1, total: 2 })}:`);
    expect(reply).toContain(`• ${QUESTION} → §4.1.3.3 災害管理合作`);
    expect(reply).not.toContain(UNRELATED);

    const answer = seen(await say(member, QUESTION));
    expect(answer).not.toContain(t('notCovered', 'zh-Hant'));
    expect(answer).toContain('§4.1.3.3 災害管理合作');
    expect(answer).toContain('災後復蘇重建');
    expect(await taught()).toMatchObject([{ term: '颶颱', target: '災害', taughtBy: { platform: 'telegram', userId: String(admin.id) } }]);
  });

  it('the same pair in simplified Chinese is already taught; /synonym list shows who taught it', async () => {
    expect(seen(await say(admin, '/synonym 飓台=灾害'))).toContain(sy('alreadyTaught', 'zh-Hant', { pairs: '飓台 = 灾害' }));
    const list = seen(await say(admin, '/synonym list'));
    expect(list).toContain(sy('listTitle', 'zh-Hant', { n: 1 }));
    expect(list).toContain('• 颶颱 = 災害 — @chen_director (telegram),');
  });

  it('/synonym remove undoes it: the question is refused again', async () => {
    const reply = seen(await say(admin, '/synonym remove 颶颱 = 災害'));
    expect(reply).toContain(sy('removed', 'zh-Hant', { pairs: '颶颱 = 災害' }));
    expect(reply).toContain(`${sy('replaySummary', 'zh-Hant', { n: 0, total: 2 })}。`);
    expect(await taught()).toEqual([]);
    expect(seen(await say(member, QUESTION))).toContain(t('notCovered', 'zh-Hant'));
    expect(seen(await say(admin, '/synonym remove 颶颱 = 災害'))).toContain(sy('notTaught', 'zh-Hant', { pairs: '颶颱 = 災害' }));
  });

  it('/help lists /synonym for admins only', async () => {
    expect(seen(await say(admin, '/help'))).toContain('/synonym');
    expect(seen(await say(member, '/help'))).not.toContain('/synonym');
  });
});
