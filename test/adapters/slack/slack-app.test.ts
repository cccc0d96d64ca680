import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/engine/answer/assistant.js';
import type { ConversationContext } from '../../../src/engine/answer/types.js';
import { startSlack } from '../../../src/adapters/slack/app.js';
import { FakeSlackWebApi, type WebApiCall } from '../../fakes/slack-web-api.js';
import { nextTs } from '../../fakes/slack-requests.js';
import type { KnowledgeBase } from '../../../src/engine/index/knowledge-base.js';
import { openTestBotServices, type TestBotServices } from '../../helpers/bot-services.js';
import { blockText, BOT_TOKEN, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';

const WATER = '水資源合作有哪些安排?';
const WATER_SECTION = '4.2.12';

let tbs: TestBotServices;
let h: SlackHarness;
/** What each question reached the engine with (through its public AnswerWriter hook, which keeps the answer as is). */
const seenByEngine: { question: string; context?: ConversationContext }[] = [];
const kb = (): KnowledgeBase => tbs.services.live.holder.current();

beforeAll(async () => {
  tbs = await openTestBotServices({ admins: { slack: ['UADMIN'] } });
  const assistant = new Assistant(tbs.services.live.holder, {
    writer: {
      async write({ question, context }) {
        seenByEngine.push({ question, ...(context ? { context } : {}) });
        return undefined;
      },
    },
  });
  h = await startSlackHarness({ services: { ...tbs.services, assistant } });
});

afterAll(async () => {
  await h?.close();
  await tbs?.close();
});

beforeEach(() => {
  h.fake.reset();
  seenByEngine.length = 0;
});

const postsIn = (thread: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.params.thread_ts === thread);
const waitForPostIn = (thread: string) => h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === thread);

/** Sends a mention and waits for its answer: everything sent before it has been dealt with by then. */
async function marker(): Promise<void> {
  const ts = nextTs();
  await h.sender.mention({ text: WATER, ts });
  await waitForPostIn(ts);
}

describe('Slack app on Bolt (HTTP mode, signed requests, fake Web API)', () => {
  it('answers a signed app_mention in its thread, citing the right section with its verbatim text', async () => {
    const ts = nextTs();
    const res = await h.sender.mention({ text: WATER, ts, channel: 'CPLANNING' });
    expect(res.status).toBe(200);
    const post = await waitForPostIn(ts);
    expect(post.token).toBe(BOT_TOKEN);
    expect(post.params.channel).toBe('CPLANNING');
    const text = blockText(post.params.blocks);
    const section = kb().section(WATER_SECTION)!;
    expect(text).toContain(`§${WATER_SECTION} ${section.title}`);
    // The quoted passage is the plan's own words.
    const quoted = /^> (.+)$/m.exec(text)?.[1];
    expect(quoted && section.text.includes(quoted)).toBe(true);
    expect(JSON.stringify(post.params.blocks)).toContain(`planbot.section:${WATER_SECTION}`);
  });

  it('rejects a request with a bad signature (401) and does not answer it', async () => {
    const ts = nextTs();
    const res = await h.sender.mention({ text: WATER, ts }, { signature: 'v0=' + '0'.repeat(64) });
    expect(res.status).toBe(401);
    const unsigned = await h.sender.send('{"type":"event_callback"}', 'application/json', { signature: '' });
    expect(unsigned.status).toBe(401);
    await marker();
    expect(postsIn(ts)).toHaveLength(0);
  });

  it('rejects a correctly signed but stale request (401): replayed requests are worthless', async () => {
    const ts = nextTs();
    const res = await h.sender.mention({ text: WATER, ts }, { timestampSec: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await marker();
    expect(postsIn(ts)).toHaveLength(0);
  });

  it('answers a retried event once, whether the retry overlaps the first delivery or comes after it', async () => {
    const ts = nextTs();
    const first = h.sender.mention({ text: WATER, ts, eventId: 'EvRETRY1' });
    const overlapping = h.sender.mention({ text: WATER, ts, eventId: 'EvRETRY1' }, { retryNum: 1 });
    expect((await first).status).toBe(200);
    expect((await overlapping).status).toBe(200);
    await waitForPostIn(ts);
    const late = await h.sender.mention({ text: WATER, ts, eventId: 'EvRETRY1' }, { retryNum: 2 });
    expect(late.status).toBe(200);
    await marker();
    expect(postsIn(ts)).toHaveLength(1);
  });

  it('answers a direct message in the DM, with its own strings in the asker language', async () => {
    const res = await h.sender.message({ channel: 'DALICE', channel_type: 'im', text: 'What does the plan say about water resources cooperation?' });
    expect(res.status).toBe(200);
    const post = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.channel === 'DALICE');
    expect(post.params.thread_ts).toBeUndefined();
    const text = blockText(post.params.blocks);
    expect(text).toContain('According to the plan:');
    expect(text).toContain('Full text §');
    expect(text).toContain(`§${WATER_SECTION}`);
  });

  it('acknowledges /plan within 3 s and answers privately at the response_url, with a button to post it', async () => {
    const responseUrl = h.fake.responseUrl();
    const res = await h.sender.command({ text: '4.2.3', response_url: responseUrl });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const reply = await h.fake.waitForResponse((r) => responseUrl.endsWith(`/${r.id}`));
    expect(reply.body.response_type).toBe('ephemeral');
    const text = blockText(reply.body.blocks);
    const section = kb().section('4.2.3')!;
    expect(text).toContain('§4.2.3 貿易投資便利化');
    expect(text).toContain(section.text);
    expect(JSON.stringify(reply.body.blocks)).toContain('planbot.post');
    // Nothing was posted in the channel: only the asker sees it.
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('shows the usage for an empty /plan and for /plan help', async () => {
    const emptyUrl = h.fake.responseUrl();
    await h.sender.command({ text: '  ', response_url: emptyUrl });
    const empty = await h.fake.waitForResponse((r) => emptyUrl.endsWith(`/${r.id}`));
    expect(empty.body.text).toContain('用法');
    expect(empty.body.text).toContain('Usage');
    const helpUrl = h.fake.responseUrl();
    await h.sender.command({ text: 'help', response_url: helpUrl });
    const help = await h.fake.waitForResponse((r) => helpUrl.endsWith(`/${r.id}`));
    expect(help.body.text).toContain('Usage: `/plan <question>`');
  });

  it('shows a section privately when its button is clicked under a /plan reply', async () => {
    const responseUrl = h.fake.responseUrl();
    await h.sender.action({
      user: { id: 'UASKER', name: 'asker' },
      channel: { id: 'CPLANNING', name: 'planning' },
      container: { type: 'message', message_ts: '1700000000.000500', channel_id: 'CPLANNING', is_ephemeral: true },
      response_url: responseUrl,
      actions: [{ type: 'button', action_id: 'planbot.section:4.2.12', block_id: 'b1', value: JSON.stringify({ id: '4.2.12', lang: 'en' }), action_ts: '1.0' }],
    });
    const reply = await h.fake.waitForResponse((r) => responseUrl.endsWith(`/${r.id}`));
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const text = blockText(reply.body.blocks);
    expect(text).toContain(kb().section('4.2.12')!.text);
    // The translation is one click away, not mixed into the official text.
    expect(text).not.toContain(kb().translation('4.2.12', 'en')!.text);
    expect(JSON.stringify(reply.body.blocks)).toContain('planbot.section.language');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('switches a section post between the Chinese text and the unofficial English translation, in place', async () => {
    const section = kb().section('4.2.12')!;
    const translation = kb().translation('4.2.12', 'en')!;
    const where = {
      user: { id: 'UASKER', name: 'asker' },
      channel: { id: 'CPLANNING', name: 'planning' },
      container: { type: 'message', message_ts: '1700000000.000600', channel_id: 'CPLANNING', is_ephemeral: false, thread_ts: '1700000000.000100' },
      message: { type: 'message', ts: '1700000000.000600', thread_ts: '1700000000.000100', text: 'section' },
    };
    const clickButton = async (action_id: string, value: string) => {
      const url = h.fake.responseUrl();
      await h.sender.action({ ...where, response_url: url, actions: [{ type: 'button', action_id, block_id: 'b1', value, action_ts: '1.0' }] });
      return h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`));
    };
    const languageButton = (blocks: unknown) =>
      (blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'planbot.section.language')!;

    // Posted in the thread by the section button: Chinese first.
    await h.sender.action({ ...where, response_url: h.fake.responseUrl(), actions: [{ type: 'button', action_id: 'planbot.section:4.2.12', block_id: 'b1', value: JSON.stringify({ id: '4.2.12', lang: 'en' }), action_ts: '1.0' }] });
    const posted = await waitForPostIn('1700000000.000100');
    expect(blockText(posted.params.blocks)).toContain(section.text);
    const toEnglish = languageButton(posted.params.blocks);
    expect(toEnglish.text.text).toBe('🌐 English translation (unofficial)');

    const english = await clickButton(toEnglish.action_id, toEnglish.value);
    expect(english.body.replace_original).toBe(true);
    const shown = blockText(english.body.blocks);
    expect(shown).toContain(translation.text.slice(0, 60));
    expect(shown).toContain('unofficial; the Chinese text is authoritative');
    expect(shown).not.toContain(section.text);
    const back = languageButton(english.body.blocks);
    expect(back.text.text).toBe('Chinese original');

    const chinese = await clickButton(back.action_id, back.value);
    expect(blockText(chinese.body.blocks)).toContain(section.text);
    // Switching replaced the post; nothing new was posted.
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('posts a section\'s full text in the answer\'s thread when its button is clicked', async () => {
    const section = kb().section('4.2.3')!;
    const res = await h.sender.action({
      user: { id: 'UASKER', name: 'asker' },
      channel: { id: 'CPLANNING', name: 'planning' },
      container: { type: 'message', message_ts: '1700000000.000200', channel_id: 'CPLANNING', is_ephemeral: false, thread_ts: '1700000000.000100' },
      message: { type: 'message', ts: '1700000000.000200', thread_ts: '1700000000.000100', text: 'answer' },
      response_url: h.fake.responseUrl(),
      actions: [{ type: 'button', action_id: 'planbot.section:4.2.3', block_id: 'b1', value: JSON.stringify({ id: '4.2.3', lang: 'zh-Hant' }), action_ts: '1700000001.0' }],
    });
    expect(res.status).toBe(200);
    const post = await waitForPostIn('1700000000.000100');
    expect(post.params.channel).toBe('CPLANNING');
    const text = blockText(post.params.blocks);
    expect(text).toContain('*§4.2.3 貿易投資便利化*');
    expect(text).toContain(section.text);
  });

  it('escapes <@U123>-like text and & in the question wherever it is shown', async () => {
    const responseUrl = h.fake.responseUrl();
    // As Slack sends what a user typed: literal & < > arrive as entities, a real mention as <@U…|name>.
    await h.sender.command({ text: `&lt;@U123&gt; &amp; <@U999|bob> <!channel> ${WATER}`, response_url: responseUrl });
    const reply = await h.fake.waitForResponse((r) => responseUrl.endsWith(`/${r.id}`));
    const shown = `${String(reply.body.text)}\n${blockText(reply.body.blocks)}`;
    expect(shown).toContain('&lt;@U123&gt; &amp; @bob @channel');
    // Nothing a reader sees can ping, broadcast or link.
    expect(shown).not.toMatch(/<[@!#]/);
    expect(shown).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it('ignores its own messages, other bots, edits and other subtypes; answers thread follow-ups with the earlier exchange as context', async () => {
    const root = nextTs();
    await h.sender.mention({ text: WATER, ts: root });
    await waitForPostIn(root);
    const bot = h.fake.options;
    await h.sender.message({ text: 'echo of my own answer', thread_ts: root, user: bot.botUserId, bot_id: bot.botId });
    await h.sender.message({ text: '我是另一個機器人', thread_ts: root, user: 'UOTHERBOT', bot_id: 'BOTHER' });
    await h.sender.message({ text: '已編輯', thread_ts: root, subtype: 'message_changed', user: '' });
    await h.sender.message({ text: '加入頻道', thread_ts: root, subtype: 'channel_join' });
    await h.sender.message({ text: '與本機器人無關的頻道訊息' }); // top level, no mention
    await h.sender.message({ text: '無人回答過的討論串', thread_ts: nextTs() });
    await marker();
    expect(postsIn(root)).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2); // the first answer and the marker's

    const firstCited = (postsIn(root)[0]!.params.blocks as { type: string; elements?: { action_id?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .flatMap((e) => (e.action_id?.startsWith('planbot.section:') ? [e.action_id.slice('planbot.section:'.length)] : []));
    const followUp = '部長級會議多久舉辦一次?';
    await h.sender.message({ text: followUp, thread_ts: root });
    await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === root && c !== postsIn(root)[0]);
    expect(postsIn(root)).toHaveLength(2);
    expect(seenByEngine.find((s) => s.question === followUp)?.context).toEqual({ previousQuestion: WATER, previousCitations: firstCited });
  });

  it('posts a /plan answer to the channel when the asker clicks the button, and removes the private copy', async () => {
    const responseUrl = h.fake.responseUrl();
    await h.sender.action({
      user: { id: 'UASKER', name: 'asker' },
      channel: { id: 'CPLANNING', name: 'planning' },
      container: { type: 'message', message_ts: '1700000000.000400', channel_id: 'CPLANNING', is_ephemeral: true },
      response_url: responseUrl,
      actions: [{ type: 'button', action_id: 'planbot.post', block_id: 'b1', value: JSON.stringify({ q: WATER, lang: 'zh-Hant' }), action_ts: '1.0' }],
    });
    const post = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.channel === 'CPLANNING');
    expect(post.params.thread_ts).toBeUndefined();
    expect(blockText(post.params.blocks)).toContain(`<@UASKER> 問: ${WATER}`);
    expect(blockText(post.params.blocks)).toContain(`§${WATER_SECTION}`);
    const removed = await h.fake.waitForResponse((r) => responseUrl.endsWith(`/${r.id}`));
    expect(removed.body).toEqual({ delete_original: true });
  });

  it('apologises briefly when Slack rejects the answer message', async () => {
    h.fake.failNext('chat.postMessage', 'invalid_blocks');
    const ts = nextTs();
    await h.sender.mention({ text: WATER, ts });
    const apology = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts && !c.params.blocks);
    expect(apology.params.text).toBe('抱歉,處理您的問題時出了點問題。請稍後再試一次。');
  });
});

describe('Slack app when the engine fails', () => {
  let broken: SlackHarness;

  beforeAll(async () => {
    // An index that cannot be read at question time.
    const assistant = new Assistant({ current: () => { throw new Error('index files vanished'); } });
    broken = await startSlackHarness({ services: { ...tbs.services, assistant } });
  });

  afterAll(async () => {
    await broken?.close();
  });

  it('gives the user a short apology in the thread, never the error', async () => {
    const ts = nextTs();
    await broken.sender.mention({ text: 'What about water?', ts });
    const apology = await broken.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts);
    expect(apology.params.text).toBe('Sorry, something went wrong while answering. Please try again in a moment.');
    expect(JSON.stringify(apology.params)).not.toContain('vanished');
  });

  it('apologises at the response_url for /plan', async () => {
    const responseUrl = broken.fake.responseUrl();
    await broken.sender.command({ text: '水资源合作', response_url: responseUrl });
    const apology = await broken.fake.waitForResponse((r) => responseUrl.endsWith(`/${r.id}`));
    expect(apology.body.text).toBe('抱歉,处理您的问题时出了点问题。请稍后再试一次。');
  });
});

describe('Slack start-up and shutdown', () => {
  it('reports a rejected bot token clearly, without the token', async () => {
    const fake = await FakeSlackWebApi.start({ token: 'xoxb-the-right-one' });
    try {
      const start = startSlack({
        services: tbs.services,
        settings: { botToken: 'xoxb-wrong-token-value', signingSecret: 's', apiUrl: fake.apiUrl, port: 0 },
        host: '127.0.0.1',
      });
      await expect(start).rejects.toThrow(/Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
      await start.catch((err: Error) => expect(err.message).not.toContain('wrong-token-value'));
    } finally {
      await fake.close();
    }
  });

  it('says which PORT is taken when it cannot listen', async () => {
    const taken = h.slack.port!;
    const start = startSlack({
      services: tbs.services,
      settings: { botToken: BOT_TOKEN, signingSecret: 's', apiUrl: h.fake.apiUrl, port: taken },
      host: '127.0.0.1',
    });
    await expect(start).rejects.toThrow(`could not listen on PORT ${taken} (EADDRINUSE)`);
  });

  it('lets an answer in flight finish before stop() returns', async () => {
    let started!: () => void;
    const writing = new Promise<void>((resolve) => (started = resolve));
    // A slow answer writer (like an LLM) keeps the answer in flight.
    const slow = new Assistant(tbs.services.live.holder, {
      writer: {
        async write() {
          started();
          await new Promise((r) => setTimeout(r, 300));
          return undefined;
        },
      },
    });
    const s = await startSlackHarness({ services: { ...tbs.services, assistant: slow } });
    try {
      const ts = nextTs();
      await s.sender.mention({ text: WATER, ts });
      await writing;
      await s.slack.stop();
      expect(s.fake.callsTo('chat.postMessage').map((c: WebApiCall) => c.params.thread_ts)).toEqual([ts]);
    } finally {
      await s.close();
    }
  });
});
