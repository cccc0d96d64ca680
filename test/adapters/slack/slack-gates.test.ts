/**
 * The Bolt middleware in front of every handler (src/adapters/slack/gates/), through signed
 * requests against the real app: the bot's own and other bots' messages are never answered,
 * and with SLACK_ALLOWED_*_IDS set, anyone outside them gets a polite refusal and no answer.
 * The per-user rate limit: slack-rate-limit.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nextTs } from '../../fakes/slack-requests.js';
import { openTestBotServices, type TestBotServices } from '../../helpers/bot-services.js';
import { blockText, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';

const WATER = '水資源合作有哪些安排?';
const NOT_ALLOWED = /^Sorry, this bot is not enabled for this workspace, channel or user\./;

let tbs: TestBotServices;
let open: SlackHarness;
let gated: SlackHarness;

beforeAll(async () => {
  tbs = await openTestBotServices();
  open = await startSlackHarness({ services: tbs.services });
  gated = await startSlackHarness({ services: tbs.services, settings: { allowed: { teams: ['T0001'], channels: ['CALLOWED'], users: ['UALLOWED', 'UMEMBER'] } } });
});
afterAll(async () => {
  await open?.close();
  await gated?.close();
  await tbs?.close();
});
beforeEach(() => {
  open.fake.reset();
  gated.fake.reset();
});

const postsIn = (h: SlackHarness, channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === channel);
const shown = (params: Record<string, unknown>) => `${String(params.text ?? '')}\n${blockText(params.blocks)}`;
/** Lets the requests already sent be handled (they are acknowledged before they are). */
const settle = () => new Promise((r) => setTimeout(r, 500));

describe('bots are not answered', () => {
  it('ignores its own messages and other bots\' in a DM and as mentions, while a person is answered', async () => {
    const bot = open.fake.options;
    await open.sender.message({ text: WATER, channel: 'DSELF', channel_type: 'im', user: bot.botUserId, bot_id: bot.botId });
    await open.sender.message({ text: WATER, channel: 'DBOTS', channel_type: 'im', user: 'UOTHERBOT', bot_id: 'BOTHER' });
    await open.sender.message({ text: WATER, channel: 'DBOTS', channel_type: 'im', user: '', bot_id: 'BOTHER', subtype: 'bot_message' });
    await open.sender.mention({ text: WATER, channel: 'CBOTS', user: 'UOTHERBOT', bot_id: 'BOTHER' });
    await open.sender.mention({ text: WATER, channel: 'CBOTS', user: bot.botUserId });
    const person = nextTs();
    await open.sender.message({ text: WATER, channel: 'DPERSON', channel_type: 'im', user: 'UPERSON', ts: person });
    await open.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.channel === 'DPERSON');
    await settle();
    expect(postsIn(open, 'DSELF')).toEqual([]);
    expect(postsIn(open, 'DBOTS')).toEqual([]);
    expect(postsIn(open, 'CBOTS')).toEqual([]);
    expect(shown(postsIn(open, 'DPERSON')[0]!.params)).toContain('4.2.12');
  });
});

describe('SLACK_ALLOWED_TEAM_IDS, SLACK_ALLOWED_CHANNEL_IDS, SLACK_ALLOWED_USER_IDS', () => {
  it('answers an allowed user in an allowed channel, and in a DM (a DM is not a channel)', async () => {
    const ts = nextTs();
    await gated.sender.mention({ text: WATER, channel: 'CALLOWED', user: 'UALLOWED', ts });
    expect(shown((await gated.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts)).params)).toContain('4.2.12');
    await gated.sender.message({ text: WATER, channel: 'DALLOWED', channel_type: 'im', user: 'UALLOWED' });
    expect(shown((await gated.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.channel === 'DALLOWED')).params)).toContain('4.2.12');
  });

  it('refuses a mention in another channel politely in its thread, once a minute, and never answers it', async () => {
    const first = nextTs();
    await gated.sender.mention({ text: 'What about water resources?', channel: 'COTHER', user: 'UALLOWED', ts: first });
    const refusal = await gated.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === first);
    expect(String(refusal.params.text)).toMatch(NOT_ALLOWED);
    await gated.sender.mention({ text: WATER, channel: 'COTHER', user: 'UMEMBER' });
    await settle();
    expect(postsIn(gated, 'COTHER')).toHaveLength(1);
  });

  it('refuses a user outside the list in a DM, at /plan and on a button, privately where it can', async () => {
    await gated.sender.message({ text: 'What about water resources?', channel: 'DSTRANGER', channel_type: 'im', user: 'USTRANGER' });
    const dm = await gated.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.channel === 'DSTRANGER');
    expect(String(dm.params.text)).toMatch(NOT_ALLOWED);

    const planUrl = gated.fake.responseUrl();
    const res = await gated.sender.command({ text: 'What about water resources?', user_id: 'USTRANGER', channel_id: 'CALLOWED', response_url: planUrl });
    expect(res.status).toBe(200);
    const plan = await gated.fake.waitForResponse((r) => planUrl.endsWith(`/${r.id}`));
    expect(plan.body).toMatchObject({ response_type: 'ephemeral' });
    expect(plan.body.text).toMatch(NOT_ALLOWED);

    const clickUrl = gated.fake.responseUrl();
    await gated.sender.action({
      user: { id: 'USTRANGER', name: 'stranger' },
      channel: { id: 'CALLOWED', name: 'allowed' },
      container: { type: 'message', message_ts: '1700000000.000700', channel_id: 'CALLOWED', is_ephemeral: true },
      response_url: clickUrl,
      actions: [{ type: 'button', action_id: 'planbot.section:4.2.12', block_id: 'b1', value: JSON.stringify({ id: '4.2.12', lang: 'en' }), action_ts: '1.0' }],
    });
    const click = await gated.fake.waitForResponse((r) => clickUrl.endsWith(`/${r.id}`));
    expect(click.body.text).toMatch(NOT_ALLOWED);
    await settle();
    expect(gated.fake.responsesTo(planUrl)).toHaveLength(1);
    expect(gated.fake.responsesTo(clickUrl)).toHaveLength(1);
    expect(postsIn(gated, 'DSTRANGER')).toHaveLength(1);
  });

  it('refuses a member of another workspace', async () => {
    const url = gated.fake.responseUrl();
    await gated.sender.action({
      user: { id: 'UALLOWED', name: 'allowed', team_id: 'T0OTHER' },
      channel: { id: 'CALLOWED', name: 'allowed' },
      container: { type: 'message', message_ts: '1700000000.000800', channel_id: 'CALLOWED', is_ephemeral: true },
      response_url: url,
      actions: [{ type: 'button', action_id: 'planbot.section:4.2.12', block_id: 'b1', value: JSON.stringify({ id: '4.2.12', lang: 'en' }), action_ts: '1.0' }],
    });
    expect((await gated.fake.waitForResponse((r) => url.endsWith(`/${r.id}`))).body.text).toMatch(NOT_ALLOWED);
  });
});
