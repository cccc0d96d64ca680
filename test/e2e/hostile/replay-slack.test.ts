import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTs } from '../../fakes/slack-requests.js';
import { openTestBotServices, type TestBotServices } from '../../helpers/bot-services.js';
import { blockText, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';

const ADMIN = 'UADMIN';

let tbs: TestBotServices;
let h: SlackHarness;

beforeAll(async () => {
  tbs = await openTestBotServices({ admins: { slack: [ADMIN] } });
  h = await startSlackHarness({ services: tbs.services });
});

afterAll(async () => {
  await h?.close();
  await tbs?.close();
});

const historyRows = async () => (await tbs.services.desk.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM item_status_history'))!.n;

/** A `/plan` command's form body exactly as Slack sends it, for a fixed response URL and trigger. */
function commandBody(text: string, responseUrl: string, trigger: string): string {
  return new URLSearchParams({
    token: 'legacy-verification-token-unused',
    team_id: h.fake.options.teamId,
    team_domain: 'planbot-test',
    channel_id: 'CGENERAL',
    channel_name: 'general',
    user_id: ADMIN,
    user_name: 'ana',
    command: '/plan',
    text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: trigger,
  }).toString();
}

describe('a replayed signed /plan setstatus', () => {
  it('is applied once: the same bytes at the same timestamp are acknowledged and ignored', async () => {
    const before = await historyRows();
    const url = h.fake.responseUrl();
    const body = commandBody('setstatus 4.2.12 in_progress note="replay test"', url, `${Date.now()}.replay`);
    const timestampSec = Math.floor(Date.now() / 1000);
    expect((await h.sender.send(body, 'application/x-www-form-urlencoded', { timestampSec })).status).toBe(200);
    const first = await h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`));
    expect(`${String(first.body.text ?? '')}\n${blockText(first.body.blocks)}`).toContain('4.2.12');

    for (let i = 0; i < 3; i++) {
      const replay = await h.sender.send(body, 'application/x-www-form-urlencoded', { timestampSec });
      expect(replay.status).toBe(200);
      expect(replay.body).toBe('');
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(await historyRows()).toBe(before + 1);

    // A new request (Slack signs every delivery afresh) with the same command is a new change.
    const again = h.fake.responseUrl();
    const res = await h.sender.send(commandBody('setstatus 4.2.12 done', again, `${Date.now()}.fresh`), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    await h.fake.waitForResponse((r) => again.endsWith(`/${r.id}`));
    expect(await historyRows()).toBe(before + 2);
  });

  it('leaves the app answering questions', async () => {
    const ts = nextTs();
    expect((await h.sender.mention({ text: '貿易投資便利化有哪些安排?', ts })).status).toBe(200);
    const post = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts, 15_000);
    expect(JSON.stringify(post.params)).toContain('§4.2.3');
  });
});
