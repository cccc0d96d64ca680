/**
 * SLACK_RATE_LIMIT_PER_MINUTE on one worker (rate-limiter-flexible's memory store; across
 * workers on PostgreSQL: test/adapters/two-workers.test.ts): past the limit one polite notice in the
 * thread (privately for /plan and button clicks), then silence for the rest of the minute; other
 * users are not affected; a retried event is not counted twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTs } from '../../fakes/slack-requests.js';
import { openTestBotServices, type TestBotServices } from '../../helpers/bot-services.js';
import { blockText, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';

let tbs: TestBotServices;
let h: SlackHarness;

beforeAll(async () => {
  tbs = await openTestBotServices();
  h = await startSlackHarness({ services: tbs.services, settings: { rateLimitPerMinute: 2 } });
});
afterAll(async () => {
  await h?.close();
  await tbs?.close();
});

async function ask(user: string, text: string): Promise<string> {
  const ts = nextTs();
  await h.sender.mention({ text, ts, channel: 'CPLAN', user });
  const post = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts);
  return `${String(post.params.text ?? '')}\n${blockText(post.params.blocks)}`;
}

describe('per-user rate limit in Slack', () => {
  it('the third question in a minute gets one notice, the fourth nothing; another user is still answered', async () => {
    expect(await ask('UFAST01', '水資源合作有哪些安排?')).toContain('§4.2.12');
    expect(await ask('UFAST01', '農業合作有哪些安排?')).toContain('§');
    expect(await ask('UFAST01', 'What about tourism?')).toMatch(/^You are asking a little fast\. Please try again in \d+ seconds\./);
    const quiet = nextTs();
    await h.sender.mention({ text: '減貧合作有哪些安排?', ts: quiet, channel: 'CPLAN', user: 'UFAST01' });
    expect(await ask('UCALM01', '水資源合作有哪些安排?')).toContain('§4.2.12');
    await new Promise((r) => setTimeout(r, 500));
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.params.thread_ts === quiet)).toEqual([]);
  });

  it('counts /plan too: the third in a minute gets the notice privately, the fourth is acknowledged and not answered', async () => {
    const plan = async (text: string) => {
      const url = h.fake.responseUrl();
      const res = await h.sender.command({ text, user_id: 'UCMD01', response_url: url });
      expect(res.status).toBe(200);
      return url;
    };
    for (const text of ['4.2.12', '水資源合作有哪些安排?']) {
      const url = await plan(text);
      expect(blockText((await h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`))).body.blocks)).toContain('4.2.12');
    }
    const third = await plan('What about tourism?');
    const notice = await h.fake.waitForResponse((r) => third.endsWith(`/${r.id}`));
    expect(notice.body).toMatchObject({ response_type: 'ephemeral' });
    expect(notice.body.text).toMatch(/^You are asking a little fast\. Please try again in \d+ seconds\./);
    const fourth = await plan('What about trade?');
    await new Promise((r) => setTimeout(r, 500));
    expect(h.fake.responsesTo(fourth)).toEqual([]);
  });

  it('counts button clicks: past the limit the notice comes privately, in the language of the button', async () => {
    const click = async () => {
      const url = h.fake.responseUrl();
      const res = await h.sender.action({
        user: { id: 'UCLICK01', name: 'clicker' },
        channel: { id: 'CPLAN', name: 'plan' },
        container: { type: 'message', message_ts: '1700000000.000600', channel_id: 'CPLAN', is_ephemeral: true },
        response_url: url,
        actions: [{ type: 'button', action_id: 'planbot.section:4.2.12', block_id: 'b1', value: JSON.stringify({ id: '4.2.12', lang: 'en' }), action_ts: '1.0' }],
      });
      expect(res.status).toBe(200);
      return (await h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`))).body;
    };
    expect(blockText((await click()).blocks)).toContain('4.2.12');
    expect(blockText((await click()).blocks)).toContain('4.2.12');
    const notice = await click();
    expect(notice).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(notice.text).toMatch(/^You are asking a little fast\./);
  });

  it('does not count a retried event twice', async () => {
    const ts = nextTs();
    await h.sender.mention({ text: '水資源合作有哪些安排?', ts, channel: 'CPLAN', user: 'URETRY01', eventId: 'EvLIMITRETRY' });
    await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts);
    // Signed a second earlier, so the request check does not take it for a replay of the same bytes.
    const retry = await h.sender.mention({ text: '水資源合作有哪些安排?', ts, channel: 'CPLAN', user: 'URETRY01', eventId: 'EvLIMITRETRY' }, { retryNum: 1, timestampSec: Math.floor(Date.now() / 1000) - 1 });
    expect(retry.status).toBe(200);
    expect(await ask('URETRY01', '農業合作有哪些安排?')).toContain('§');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.params.thread_ts === ts)).toHaveLength(1);
  });
});
