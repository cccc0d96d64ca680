import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCurrentVersion } from '../../../src/engine/index/store.js';
import { FakeTelegramApi, seen, testUser } from '../../helpers/fake-telegram-api.js';
import { createWorkspace, planText, snapshot, type Workspace } from '../../helpers/workspace.js';
import { hugeText, numberedParagraphs, paragraphBomb, spaceBomb } from './helpers/documents-bombs.js';
import { startBotProcess, type BotProcess } from './helpers/documents-bot-process.js';
import { underQuestionLoad } from './helpers/documents-load.js';

/**
 * Issue 15, item 1, as an admin meets it: bomb documents sent to the Telegram
 * bot (`planbot start` in its own process, polling the fake Bot API) are
 * refused with a message naming the limit, while six other users keep asking
 * questions. Every one of their questions is answered with a citation, the bot
 * stays up, nothing is written, and the bot's resident memory never passes
 * 300 MB. The figures are printed; the latency bound asserted here is generous
 * (the 1 s target is measured by `npm run bench`).
 */

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** The bound, for the bot as installed (dist/); running the sources through tsx costs about 30 MB more. */
const maxRssMb = () => (bot.mode === 'dist' ? 300 : 340);
const P95_BOUND_MS = 2000;
const PARSE_MB = 128;

let ws: Workspace;
let fake: FakeTelegramApi;
let bot: BotProcess;
const admin = testUser({ language_code: 'en', username: 'plan_admin' });

beforeAll(async () => {
  ws = await createWorkspace();
  await ws.buildInitial();
  fake = await FakeTelegramApi.start();
  bot = await startBotProcess(fake, ws, { adminId: admin.id, env: { DOCUMENT_PARSE_MB: String(PARSE_MB) } });
  // Warm up (first answers load the index into caches), so the figures below are the steady state.
  await underQuestionLoad(fake, () => new Promise((r) => setTimeout(r, 1000)));
}, 90_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await ws?.remove();
});

/** The admin sends a file; resolves with the bot's reply to it. */
async function sendAsAdmin(name: string, bytes: Uint8Array): Promise<string> {
  const chat = fake.privateChat(admin);
  const mark = fake.mark();
  fake.sendDocument(chat, admin, { name, bytes, mimeType: name.endsWith('.docx') ? DOCX : 'text/plain' });
  const reply = await fake.waitFor((c) => c.method === 'sendMessage' && !c.error && Number(c.payload.chat_id) === admin.id && /document was not used|^Dry run/.test(seen(c)), { after: mark, timeoutMs: 60_000 });
  return seen(reply);
}

describe('an admin sends a hostile document while other users ask questions', () => {
  it('the bot answers before any document arrives', async () => {
    const load = await underQuestionLoad(fake, () => new Promise((r) => setTimeout(r, 2000)));
    console.log(`[${bot.mode}] no document: ${load.latenciesMs.length} questions answered, p95 ${load.p95Ms} ms, bot RSS ${bot.memory().rssMb} MB (peak ${bot.memory().peakMb} MB)`);
    expect(load.unanswered).toBe(0);
    expect(load.uncited).toEqual([]);
  }, 60_000);

  // [title, file name, the file, the reply, what the document may add to the bot's peak memory]
  const cases: [string, string, () => Promise<Uint8Array>, RegExp, { parsed: boolean }][] = [
    ['a 0.3 MB .docx whose XML inflates to 100 MB of paragraphs', 'plan.docx', () => paragraphBomb(100), /The document expands to 100\.0 MB of text when unpacked; the limit is 10\.0 MB \(MAX_DOCUMENT_UNPACKED_MB\)/, { parsed: false }],
    ['a 1 MB .docx whose XML is 1 GB of spaces', 'plan.docx', () => spaceBomb(1024), /The document expands to 1024\.0 MB of text when unpacked/, { parsed: false }],
    ['a 15 MB .txt under MAX_DOCUMENT_MB', 'plan.txt', async () => hugeText(await planText(), 15), /The document holds 15\.0 MB of text; the limit is 1\.0 MB \(MAX_DOCUMENT_TEXT_MB\)/, { parsed: false }],
    ['a .docx under every size limit that needs more memory than its parsing budget', 'plan.docx', () => numberedParagraphs(8), /ran out of its 128 MB parsing budget \(DOCUMENT_PARSE_MB\)/, { parsed: true }],
  ];
  for (const [title, name, make, expected, { parsed }] of cases) {
    it(title, async () => {
      const bytes = await make();
      const corpusBefore = await snapshot(ws.corpusDir);
      const versionBefore = await readCurrentVersion(ws.indexesDir);
      const peakBefore = bot.memory().peakMb;
      // At least two seconds of questions, however fast the refusal.
      const load = await underQuestionLoad(fake, async () => (await Promise.all([sendAsAdmin(name, bytes), new Promise((r) => setTimeout(r, 2000))]))[0]);
      const memory = bot.memory();
      console.log(`[${bot.mode}] ${title}: ${load.latenciesMs.length} questions answered meanwhile, p95 ${load.p95Ms} ms, bot RSS ${memory.rssMb} MB (peak so far ${memory.peakMb} MB)`);

      expect(load.result).toMatch(expected);
      expect(load.result).toMatch(/The index in service is unchanged\.$/);
      expect(bot.alive(), bot.stderr()).toBe(true);
      expect(load.unanswered).toBe(0);
      expect(load.uncited).toEqual([]);
      expect(load.latenciesMs.length).toBeGreaterThan(5);
      expect(load.p95Ms).toBeLessThan(P95_BOUND_MS);
      // The bombs are refused from their ZIP directory or length: no worker, no parser.
      // A document that reaches the parser costs at most its DOCUMENT_PARSE_MB heap and the worker's own ~50 MB.
      if (parsed) expect(memory.peakMb - peakBefore).toBeLessThan(PARSE_MB + 64);
      else expect(memory.peakMb).toBeLessThan(maxRssMb());
      expect(await snapshot(ws.corpusDir)).toEqual(corpusBefore);
      expect(await readCurrentVersion(ws.indexesDir)).toBe(versionBefore);
    }, 90_000);
  }

  it('afterwards the bot still answers, and a good document still gets its dry run', async () => {
    const load = await underQuestionLoad(fake, async () => {
      const edited = (await planText()).replace('貿易投資便利化', '貿易投資便利化與合作');
      return sendAsAdmin('plan.txt', Buffer.from(edited));
    });
    expect(load.result).toMatch(/^Dry run/);
    expect(load.unanswered).toBe(0);
    expect(bot.alive()).toBe(true);
  }, 60_000);
});
