import { startSlack, type RunningSlack } from '../../src/adapters/slack/app.js';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { FakeSlackWebApi, type ResponseUrlPost } from '../fakes/slack-web-api.js';
import { openTestBotServices, type TestBotServices, type TestBotServicesOptions } from './bot-services.js';
import { SlackRequestSender } from '../fakes/slack-requests.js';
import type { SlackServices } from '../../src/adapters/slack/runtime.js';
import type { SlackSettings } from '../../src/adapters/slack/settings.js';

const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-1111-2222-test-token';

export interface SlackHarness {
  fake: FakeSlackWebApi;
  sender: SlackRequestSender;
  slack: RunningSlack;
  close(): Promise<void>;
}

/**
 * The real Bolt app in HTTP mode on 127.0.0.1 (port 0), talking to a fake Web API,
 * on the given services (usually real ones: test/helpers/bot-services.ts).
 */
export async function startSlackHarness(options: { services: SlackServices; streamUpdateMs?: number; settings?: Partial<SlackSettings> }): Promise<SlackHarness> {
  const fake = await FakeSlackWebApi.start({ token: BOT_TOKEN });
  try {
    const slack = await startSlack({
      services: options.services,
      settings: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, ...options.settings },
      host: '127.0.0.1',
      ...(options.streamUpdateMs !== undefined ? { streamUpdateMs: options.streamUpdateMs } : {}),
    });
    const sender = new SlackRequestSender(`http://127.0.0.1:${slack.port}/slack/events`, SIGNING_SECRET, { teamId: fake.options.teamId, botUserId: fake.options.botUserId });
    return {
      fake,
      sender,
      slack,
      async close() {
        sender.close();
        await slack.stop();
        await fake.close();
      },
    };
  } catch (err) {
    await fake.close();
    throw err;
  }
}

/** All mrkdwn/plain text in a list of blocks, joined (what a reader of the message sees). */
export function blockText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if (typeof obj.text === 'string') out.push(obj.text);
      for (const [key, value] of Object.entries(obj)) if (key !== 'text' || typeof value !== 'string') walk(value);
    }
  };
  walk(blocks);
  return out.join('\n');
}

/**
 * Real bot services and the real Bolt app on a fake Web API for a whole test file: opened before its
 * tests, closed after them, the fake's record cleared before each test.
 */
export function useSlackBot(options: TestBotServicesOptions = {}): { readonly tbs: TestBotServices; readonly h: SlackHarness } {
  let tbs: TestBotServices | undefined;
  let h: SlackHarness | undefined;
  beforeAll(async () => {
    tbs = await openTestBotServices(options);
    h = await startSlackHarness({ services: tbs.services });
  });
  afterAll(async () => {
    await h?.close();
    await tbs?.close();
  });
  beforeEach(() => h?.fake.reset());
  return {
    get tbs() {
      if (!tbs) throw new Error('useSlackBot: the bot services are not open yet (use them inside a test)');
      return tbs;
    },
    get h() {
      if (!h) throw new Error('useSlackBot: the Slack app is not started yet (use it inside a test)');
      return h;
    },
  };
}

/** `/plan <text>` from a user through a signed request: the first reply at its response URL, and all the text it shows. */
export async function slashCommand(h: SlackHarness, text: string, user: { id: string; name: string }): Promise<{ reply: ResponseUrlPost; text: string; url: string }> {
  const url = h.fake.responseUrl();
  const res = await h.sender.command({ text, user_id: user.id, user_name: user.name, response_url: url });
  if (res.status !== 200) throw new Error(`/plan ${text} was answered with HTTP ${res.status}`);
  const reply = await h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`));
  return { reply, url, text: `${String(reply.body.text ?? '')}\n${blockText(reply.body.blocks)}` };
}
