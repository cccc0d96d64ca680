/**
 * SLACK_RATE_LIMIT_PER_MINUTE on one worker (rate-limiter-flexible's memory store; across
 * workers on PostgreSQL: test/adapters/two-workers.test.ts): past the limit one polite notice in the
 * thread, then silence for the rest of the minute; other users are not affected.
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
});
