import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nextTs } from '../../fakes/slack-requests.js';
import type { WebApiCall } from '../../fakes/slack-web-api.js';
import { openTestBotServices, type TestBotServices } from '../../helpers/bot-services.js';
import { sectionsInPrompt, startFakeChatServer, type FakeChatReply, type FakeChatRequest, type FakeChatServer } from '../../fakes/openai-chat.js';
import { blockText, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';

const API_KEY = 'sk-slacktest-SECRET-0123456789abcdef';
/** Short, so the test is quick; production uses 1 s. */
const INTERVAL_MS = 200;
const QUESTION = '貿易投資便利化方面有什麼安排?';

/** A clause of a section's text the fake model can quote verbatim (not the heading). */
function quotable(text: string): string {
  const sentences = text.split(/(?<=[。.\n])\s*/).filter((s) => s.trim());
  const body = sentences.length > 1 ? sentences[1]! : sentences[0]!;
  return body.split(/[,,;;]/)[0]!.replace(/[。.]$/, '').trim();
}

const PIECE_CHARS = 3;
/** How many pieces the last streamed reply came in. */
let lastPieces = 0;

/** The fake model quotes the first section it was given, with its marker, in small slow pieces. */
function slowModel(req: FakeChatRequest): FakeChatReply {
  const [first] = sectionsInPrompt(req.user);
  if (!first) return { content: '計畫沒有涉及這個問題。' };
  // Several cited sentences: a draft shows checked sentences only, so it grows sentence by sentence.
  const more = first.text.split(/[。,,;;\n]/).map((c) => c.trim()).filter((c) => c.length >= 4).slice(2, 5);
  const content = `計畫提出「${quotable(first.text)}」[§${first.id}]。${more.map((c) => `計畫也提出「${c}」[§${first.id}]。`).join('')}`;
  lastPieces = Math.ceil(content.length / PIECE_CHARS);
  return { content, pieceChars: PIECE_CHARS, pieceDelayMs: 45 };
}

let model: (req: FakeChatRequest) => FakeChatReply = slowModel;
let server: FakeChatServer;
let tbs: TestBotServices;
let h: SlackHarness;

beforeAll(async () => {
  server = await startFakeChatServer((req) => model(req));
  tbs = await openTestBotServices({ env: { OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'fake-chat', LLM_TIMEOUT_MS: '8000' } });
  h = await startSlackHarness({ services: tbs.services, streamUpdateMs: INTERVAL_MS });
});

afterAll(async () => {
  await h?.close();
  await tbs?.close();
  await server?.close();
});

beforeEach(() => {
  h.fake.reset();
  server.requests.length = 0;
  model = slowModel;
});

interface Button {
  action_id: string;
}
const actionIds = (blocks: unknown): string[] =>
  ((blocks ?? []) as { type: string; elements?: Button[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []).map((e) => e.action_id);
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Slack with an LLM configured (fake OpenAI-compatible server)', () => {
  it('streams a mention: a draft appears, grows through throttled chat.update, and becomes the final answer with verified citations and buttons', async () => {
    expect(tbs.services.answerMode).toBe('llm (fake-chat)');
    const logged = await tbs.services.desk.questions.count();
    const ts = nextTs();
    await h.sender.mention({ text: QUESTION, ts, channel: 'CPLANNING' });

    const draft = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts);
    expect(blockText(draft.params.blocks)).toContain('✍️ 撰寫中…');
    expect(actionIds(draft.params.blocks)).toEqual([]);
    // The final edit is the one with buttons.
    const final = await h.fake.waitForCall((c) => c.method === 'chat.update' && actionIds(c.params.blocks).length > 0, 15_000);
    await settle(INTERVAL_MS * 2);

    const updates = h.fake.callsTo('chat.update');
    expect(updates.every((u) => u.params.channel === 'CPLANNING')).toBe(true);
    expect(new Set(updates.map((u) => u.params.ts)).size).toBe(1);
    // One message in the thread: the draft, edited in place; nothing after the final answer.
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.params.thread_ts === ts)).toHaveLength(1);
    expect(updates.at(-1)).toBe(final);

    // The draft grew: every edit before the final one shows a longer prefix of the reply, still without buttons.
    const drafts: WebApiCall[] = [draft, ...updates.slice(0, -1)];
    expect(drafts.length).toBeGreaterThanOrEqual(3);
    // …and far fewer edits than the pieces the model streamed.
    expect(drafts.length).toBeLessThan(lastPieces / 2);
    const shown = drafts.map((d) => blockText(d.params.blocks).replace(/\n?✍️ 撰寫中…/, ''));
    for (let i = 1; i < shown.length; i++) {
      expect(shown[i]!.length).toBeGreaterThan(shown[i - 1]!.length);
      expect(shown[i]!.startsWith(shown[i - 1]!)).toBe(true);
      expect(actionIds(drafts[i]!.params.blocks)).toEqual([]);
    }
    // Throttled: draft sends at least the interval apart. These are arrival times at the fake server: on a busy
    // machine one request can arrive late and shorten the next gap, so one short gap is jitter, more is a broken throttle.
    const gaps = drafts.slice(1).map((d, i) => d.at - drafts[i]!.at);
    expect(gaps.filter((gap) => gap < INTERVAL_MS * 0.9).length).toBeLessThanOrEqual(1);

    const text = blockText(final.params.blocks);
    expect(text).toContain('計畫提出「加快完成和有效落實《瀾湄跨境經濟合作五年發展計畫》」[§4.2.3]');
    expect(text).toContain('§4.2.3 貿易投資便利化');
    expect(actionIds(final.params.blocks)).toEqual(['planbot.section:4.2.3', 'planbot.feedback.up', 'planbot.feedback.down']);
    expect(JSON.stringify(h.fake.calls)).not.toContain(API_KEY);

    const [request] = server.requests;
    expect(request!.body.stream).toBe(true);
    expect(await tbs.services.desk.questions.count()).toBe(logged + 1);
  });

  it('does not stream what the model does not write: a status question gets its card in one message', async () => {
    const ts = nextTs();
    await h.sender.mention({ text: '4.2.12 進展如何?', ts });
    const post = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts);
    expect(blockText(post.params.blocks)).toContain('尚未記錄狀態。');
    await settle(INTERVAL_MS * 2);
    expect(h.fake.callsTo('chat.update')).toHaveLength(0);
    expect(server.requests).toHaveLength(0);
  });

  it('falls back to the extractive answer, with a note, when the model fails (no draft was shown)', async () => {
    model = () => ({ status: 503 });
    const ts = nextTs();
    await h.sender.mention({ text: QUESTION, ts });
    const post = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts, 15_000);
    const text = blockText(post.params.blocks);
    expect(text).toContain('§4.2.3 貿易投資便利化');
    expect(text).toMatch(/語言模型/);
    expect(actionIds(post.params.blocks)).toContain('planbot.feedback.up');
    await settle(INTERVAL_MS);
    expect(h.fake.callsTo('chat.update')).toHaveLength(0);
    expect(server.requests.length).toBe(2); // the first try and one retry
  });

  it('answers /plan in one private reply (a response URL takes only five messages), worded by the model', async () => {
    const url = h.fake.responseUrl();
    await h.sender.command({ text: QUESTION, response_url: url });
    const reply = await h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`), 15_000);
    expect(blockText(reply.body.blocks)).toContain('[§4.2.3]');
    expect(actionIds(reply.body.blocks)).toContain('planbot.post');
    await settle(INTERVAL_MS);
    expect(h.fake.responsesTo(url)).toHaveLength(1);
    expect(server.requests[0]!.body.stream).toBeFalsy();
  });

  it('says in /plan about that answers are worded by the model', async () => {
    const url = h.fake.responseUrl();
    await h.sender.command({ text: 'about', response_url: url });
    const reply = await h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`));
    expect(String(reply.body.text)).toContain('Answers: worded by the language model fake-chat; every citation verified');
  });
});
