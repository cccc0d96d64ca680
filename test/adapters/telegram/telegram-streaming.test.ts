import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fallbackNote } from '../../../src/engine/llm/notes.js';
import { buttonData, seen, startBotOnFake, testUser, type ApiCall, type BotOnFake } from '../../helpers/fake-telegram-api.js';
import { sectionsInPrompt, startFakeChatServer, type FakeChatReply, type FakeChatRequest, type FakeChatServer } from '../../fakes/openai-chat.js';
import { openTelegramServices, type TelegramTestServices } from '../../helpers/telegram-services.js';

/**
 * Issue 7 in Telegram: with a language model configured (the real `openai` client
 * against a fake OpenAI-compatible server), the answer appears as a draft that is
 * edited as the text streams in — at most once a second, never with unchanged
 * text — and then becomes the final answer with verified citations and buttons.
 */

const API_KEY = 'sk-tgstream-SECRET-0123456789abcdef';
const EDIT_INTERVAL_MS = 1000;

/** A clause of a section's text the fake model can quote verbatim. */
function quotable(text: string): string {
  const sentences = text.split(/(?<=[。.\n])\s*/).filter((s) => s.trim());
  const body = sentences.length > 1 ? sentences[1]! : sentences[0]!;
  return body.split(/[,,;;]/)[0]!.replace(/[。.]$/, '').trim();
}

/** Clauses of a section's text the fake model can quote verbatim. */
function clauses(text: string): string[] {
  return text.split(/[。,,;;\n]/).map((c) => c.trim()).filter((c) => c.length >= 4).slice(1);
}

/**
 * A slow, well-behaved model: three sentences, each quoting the first section it was
 * given with its marker, streamed in small pieces. A draft shows checked sentences
 * only, so it grows sentence by sentence. `stallAfterFirst` stops the stream once
 * the first sentence is out.
 */
function slowModel(pieceDelayMs: number, options: { stallAfterFirst?: boolean } = {}) {
  return (req: FakeChatRequest): FakeChatReply => {
    const [first] = sectionsInPrompt(req.user);
    if (!first) return { content: '計畫沒有涉及這個問題。' };
    const [a = quotable(first.text), b = a, c = b] = clauses(first.text);
    const content = `關於這個問題,計畫提出「${a}」[§${first.id}]。計畫也要求「${b}」[§${first.id}]。此外「${c}」[§${first.id}]。`;
    const stall = options.stallAfterFirst ? { stallAfterPieces: Math.ceil((content.indexOf('。') + 1) / 4) + 1 } : {};
    return { content, pieceChars: 4, pieceDelayMs, ...stall };
  };
}

let server: FakeChatServer;
let model: (req: FakeChatRequest) => FakeChatReply;
let ts: TelegramTestServices;
let b: BotOnFake;

beforeAll(async () => {
  // The model's reply streams for about 2.5 s, well inside LLM_TIMEOUT_MS even on a busy machine; a stalled one waits out the 6 s.
  server = await startFakeChatServer((req) => model(req));
  ts = await openTelegramServices({ env: { OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'fake-chat', LLM_TIMEOUT_MS: '6000' } });
  b = await startBotOnFake({ services: ts.services, settings: { streamEditIntervalMs: EDIT_INTERVAL_MS } });
});

afterAll(async () => {
  await b?.stop();
  await ts?.cleanup();
  await server?.close();
});

beforeEach(() => {
  model = slowModel(100);
});

/** Every call to the chat after `mark` until the final answer (the edit or message carrying 👍/👎). */
async function conversation(chatId: number, mark: number): Promise<ApiCall[]> {
  await b.fake.waitFor((c) => (c.method === 'editMessageText' || c.method === 'sendMessage') && Number(c.payload.chat_id) === chatId && buttonData(c).some((d) => d.startsWith('fb:')), { after: mark, timeoutMs: 15_000 });
  return b.fake.calls.slice(mark).filter((c) => Number(c.payload.chat_id) === chatId && (c.method === 'sendMessage' || c.method === 'editMessageText'));
}

describe('LLM answers stream into a draft', () => {
  it('a draft appears, grows at most once a second, and becomes the final cited answer in place', async () => {
    const user = testUser();
    const mark = b.fake.mark();
    b.fake.sendText(b.fake.privateChat(user), user, '水資源合作有哪些安排?');
    const calls = await conversation(user.id, mark);
    expect(calls.every((c) => !c.error)).toBe(true);

    // One message: the draft, later edited into the answer.
    const [draft, ...edits] = calls;
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    expect(draft!.method).toBe('sendMessage');
    expect(seen(draft!).startsWith('關於')).toBe(true);
    expect(seen(draft!).endsWith(' …')).toBe(true);
    const id = (draft!.result as { message_id: number }).message_id;
    expect(edits.length).toBeGreaterThanOrEqual(2); // at least one growing draft, then the final answer
    for (const e of edits) expect(e.payload.message_id).toBe(id);

    // Inside Telegram's limits: edits at least a second apart (the first after the draft too), and never unchanged.
    const writes = [draft!, ...edits];
    // Arrival times at the fake Bot API: one late arrival on a busy machine shortens the next gap, so one short gap
    // is jitter; more would be a broken throttle.
    const gaps = writes.slice(1).map((w, i) => w.at - writes[i]!.at);
    expect(gaps.filter((gap) => gap < EDIT_INTERVAL_MS - 5).length).toBeLessThanOrEqual(1);
    for (let i = 1; i < writes.length; i++) expect(writes[i]!.payload.text).not.toBe(writes[i - 1]!.payload.text);
    // Each draft shows more of the same text.
    const drafts = writes.slice(0, -1).map((c) => seen(c).replace(/ …$/, ''));
    for (let i = 1; i < drafts.length; i++) expect(drafts[i]!.startsWith(drafts[i - 1]!)).toBe(true);

    // The final edit: the model's wording with its verified marker, the verbatim quote with its label, and the buttons.
    const final = edits.at(-1)!;
    const text = seen(final);
    expect(text).toContain('計畫提出「');
    expect(text).toContain('[§4.2.12]');
    expect(text).not.toMatch(/ …$/);
    expect(String(final.payload.text)).toMatch(/<blockquote>[^<]+<\/blockquote>\n— <b>§4\.2\.12 水資源合作<\/b>/);
    const section = ts.kb().section('4.2.12')!;
    expect(section.text).toContain(/<blockquote>([^<]+)<\/blockquote>/.exec(String(final.payload.text))![1]!.replace(/&amp;/g, '&'));
    expect(buttonData(final)).toEqual(['sec:4.2.12', expect.stringMatching(/^fb:up:/), expect.stringMatching(/^fb:down:/)]);
    expect(b.fake.calls.slice(mark).some((c) => c.error?.description.includes('not modified'))).toBe(false);

    // The model was asked to stream, and the key never reached a chat or a log.
    expect(server.requests.at(-1)!.body.stream).toBe(true);
    expect(calls.map((c) => String(c.payload.text)).join('')).not.toContain(API_KEY);
    expect(b.logs.raw.join('')).not.toContain(API_KEY);
  });

  it('answers the model is not asked for (a section by number) arrive in one message, no draft', async () => {
    const user = testUser();
    const mark = b.fake.mark();
    b.fake.sendText(b.fake.privateChat(user), user, '4.2.3');
    const calls = await conversation(user.id, mark);
    expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
    expect(seen(calls[0]!)).toContain('§4.2.3 貿易投資便利化');
  });

  it('a model that stops mid-reply leaves no half answer: the draft becomes the quoted answer with a note', async () => {
    model = slowModel(100, { stallAfterFirst: true });
    const user = testUser();
    const mark = b.fake.mark();
    b.fake.sendText(b.fake.privateChat(user), user, '水資源合作有哪些安排?');
    const calls = await conversation(user.id, mark);
    expect(calls[0]!.method).toBe('sendMessage');
    expect(seen(calls[0]!).endsWith(' …')).toBe(true);
    const final = calls.at(-1)!;
    expect(final.method).toBe('editMessageText');
    expect(final.payload.message_id).toBe((calls[0]!.result as { message_id: number }).message_id);
    const text = seen(final);
    expect(text).toContain(fallbackNote('zh-Hant'));
    expect(text).not.toContain('關於這個問題');
    expect(text).not.toContain('[§4.2.12]');
    expect(text).toContain('§4.2.12 水資源合作');
  });
});
