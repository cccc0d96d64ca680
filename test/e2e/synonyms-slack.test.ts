import { describe, expect, it } from 'vitest';
import { t } from '../../src/engine/answer/strings.js';
import { nextTs } from '../fakes/slack-requests.js';
import { escapeMrkdwn } from '../../src/adapters/slack/mrkdwn.js';
import { sy } from '../../src/services/synonyms/strings.js';
import { blockText, slashCommand, useSlackBot } from '../helpers/slack-harness.js';

/**
 * Issue 11, item 3 in Slack: `/plan synonym LMDR = 災害管理` (signed requests, fake Web
 * API). LMDR is an invented abbreviation no dictionary knows: only the taught synonym
 * can carry it to the plan's 災害管理.
 */

const ADMIN = 'UADMIN';
const MEMBER = 'UMEMBER';
const QUESTION = 'What does the plan say about LMDR?';

const bot = useSlackBot({ admins: { slack: [ADMIN] } });

/** `/plan <text>` by a user; the text of the first reply at its response URL. */
async function plan(text: string, user = MEMBER): Promise<string> {
  return (await slashCommand(bot.h, text, { id: user, name: user === ADMIN ? 'ana' : 'visitor' })).text;
}

const taught = () => bot.tbs.services.synonyms.taught.store.list();

describe('/plan synonym in Slack', () => {
  it('an everyday abbreviation the plan does not use is refused', async () => {
    expect(await plan(QUESTION)).toContain(t('notCovered', 'en'));
  });

  it('a non-admin is refused politely and nothing is taught', async () => {
    const text = await plan('synonym LMDR = 災害管理');
    expect(text).toContain('is for PlanBot admins only');
    expect(await taught()).toEqual([]);
  });

  it('invalid input from an admin is explained, with the Slack command to use', async () => {
    const sameWord = await plan('synonym disaster = Disaster', ADMIN);
    expect(sameWord).toContain(escapeMrkdwn(sy('sameWord', 'en', { word: 'Disaster' })));
    expect(sameWord).toContain(sy('nothingChanged', 'en'));
    const usage = await plan('synonym please', ADMIN);
    expect(usage).toContain('/plan synonym list');
    expect(usage).not.toMatch(/(^|\s)\/synonym/);
    expect(await taught()).toEqual([]);
  });

  it('an admin teaches LMDR = 災害管理; the reply reports the replay; the question is then answered, in a thread too', async () => {
    const reply = await plan('synonym LMDR = 災害管理', ADMIN);
    expect(reply).toContain(escapeMrkdwn(sy('added', 'en', { pairs: 'LMDR = 災害管理', term: 'LMDR' })));
    expect(reply).toContain(`${sy('replaySummary', 'en', { n: 1, total: 1 })}:`);
    expect(reply).toContain(`• ${QUESTION} → §4.1.3.3 災害管理合作`);
    expect(await taught()).toMatchObject([{ term: 'LMDR', target: '災害管理', taughtBy: { platform: 'slack', userId: ADMIN, name: 'ana' } }]);

    const answer = await plan('what about lmdr cooperation?');
    expect(answer).not.toContain(t('notCovered', 'en'));
    expect(answer).toContain('§4.1.3.3');

    const ts = nextTs();
    await bot.h.sender.mention({ text: QUESTION, ts, channel: 'CPLANNING' });
    const post = await bot.h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts);
    expect(blockText(post.params.blocks)).toContain('§4.1.3.3');
  });

  it('list and remove', async () => {
    const list = await plan('synonym list', ADMIN);
    expect(list).toContain('• LMDR = 災害管理 — ana (slack)');
    const removed = await plan('synonym remove LMDR = 災害管理', ADMIN);
    expect(removed).toContain(sy('removed', 'en', { pairs: 'LMDR = 災害管理' }));
    expect(await taught()).toEqual([]);
    expect(await plan(QUESTION)).toContain(t('notCovered', 'en'));
  });
});
