import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tr } from '../../../src/adapters/telegram/strings.js';
import { t } from '../../../src/engine/answer/strings.js';
import { acquireIndexLock } from '../../../src/engine/index/lock.js';
import { readCurrentVersion } from '../../../src/engine/index/store.js';
import { docxFile } from '../../helpers/docx.js';
import { sayTo, messageId, buttonData, seen, startBotOnFake, testUser, type ApiCall, type BotOnFake, type FakeChat } from '../../helpers/fake-telegram-api.js';
import { imageOnlyPdf } from '../../helpers/pdf.js';
import { openTelegramServices, type TelegramTestServices } from '../../helpers/telegram-services.js';
import { editedPlan, planText, snapshot } from '../../helpers/workspace.js';

/**
 * Re-indexing from Telegram (issue 6): an admin sends the edited plan, sees the dry
 * run, confirms, and the bot answers from the new version at once; /rollback,
 * /reindex, /changes; refusals and rejections that change nothing.
 */

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let ts: TelegramTestServices;
let b: BotOnFake;
let initialVersion: string;
const admin = testUser({ language_code: 'en', username: 'plan_admin' });
const member = testUser();
const adminChat = () => b.fake.privateChat(admin);

beforeAll(async () => {
  ts = await openTelegramServices({ adminIds: [String(admin.id)] });
  initialVersion = ts.kb().version;
  b = await startBotOnFake({ services: ts.services });
});

afterAll(async () => {
  await b?.stop();
  await ts?.cleanup();
});

const say = (from: ReturnType<typeof testUser>, text: string, chat: FakeChat = b.fake.privateChat(from)): Promise<ApiCall> => sayTo(b, chat, from, text);

/** The bot's first message matching `pattern` after `mark`. */
function messageMatching(chatId: number, pattern: RegExp, mark: number, timeoutMs = 20_000): Promise<ApiCall> {
  return b.fake.waitFor((c) => c.method === 'sendMessage' && !c.error && Number(c.payload.chat_id) === chatId && pattern.test(seen(c)), { after: mark, timeoutMs });
}

/** Presses a button; resolves with the answerCallbackQuery call. */
async function press(from: ReturnType<typeof testUser>, call: ApiCall, data: string, chat: FakeChat = b.fake.privateChat(from)): Promise<ApiCall> {
  const mark = b.fake.mark();
  const update = b.fake.pressButton(chat, from, messageId(call), data);
  return b.fake.waitFor((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === update.callback_query!.id, { after: mark });
}

describe('an admin updates the plan by sending a document', () => {
  let preview: ApiCall;
  let newVersion: string;

  it('the edited plan as .docx: size checked, file fetched with getFile and downloaded, dry run with Confirm / Cancel, nothing written', async () => {
    const corpusBefore = await snapshot(ts.corpusDir);
    const indexesBefore = await snapshot(ts.indexesDir);
    const bytes = await docxFile((await editedPlan()).split('\n').filter((l) => l.trim()));
    const mark = b.fake.mark();
    b.fake.sendDocument(adminChat(), admin, { name: 'lmc-plan-2023-2027.docx', bytes, mimeType: DOCX });
    preview = await messageMatching(admin.id, /^Dry run/, mark);

    const methods = b.fake.calls.slice(mark).map((c) => c.method);
    expect(methods.indexOf('getFile')).toBeGreaterThanOrEqual(0);
    expect(methods.indexOf('downloadFile')).toBeGreaterThan(methods.indexOf('getFile'));
    expect(b.fake.downloads(mark)[0]!.error).toBeUndefined();

    const text = seen(preview);
    expect(text).toContain('new version of "瀾湄合作五年行動計畫(2023-2027)" (lmc-plan-2023-2027)');
    expect(text).toContain('Changed (1):\n  §4.2.3 貿易投資便利化');
    expect(text).toContain('Added (1):\n  §4.2.15 數字貿易合作');
    expect(text).toContain('Removed (1):\n  §4.3.7 民間交流');
    const [ok, no] = buttonData(preview);
    expect(ok).toMatch(/^rx:ok:[0-9a-f]{8}$/);
    expect(no).toBe(ok!.replace('rx:ok:', 'rx:no:'));
    expect((preview.payload.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard[0]!.map((x) => x.text)).toEqual([tr('reindexConfirm', 'en'), tr('reindexCancel', 'en')]);

    // A dry run writes nothing, and the version in service is unchanged.
    expect(await snapshot(ts.corpusDir)).toEqual(corpusBefore);
    expect(await snapshot(ts.indexesDir)).toEqual(indexesBefore);
    expect(ts.kb().version).toBe(initialVersion);
  });

  it('Confirm builds and switches: the reply gives the new version and the time taken, and answers use it at once', async () => {
    const mark = b.fake.mark();
    const answered = await press(admin, preview, buttonData(preview)[0]!);
    expect(answered.payload.text).toBe(tr('reindexWorking', 'en'));
    // The build does not hold up the chat: a question asked meanwhile is answered before the report.
    b.fake.sendText(adminChat(), admin, '水資源合作有哪些安排?');
    const meanwhile = await messageMatching(admin.id, /水資源合作/, mark, 20_000);
    const report = await messageMatching(admin.id, /^Re-indexed/, mark, 60_000);
    expect(meanwhile.at).toBeLessThan(report.at);
    const m = /^Re-indexed: index (\S+) is now current \(was (\S+)\); sections 1 changed, 1 added, 1 removed\. Took [\d.]+ (ms|s)\./.exec(seen(report));
    expect(m, seen(report)).not.toBeNull();
    newVersion = m![1]!;
    expect(m![2]).toBe(initialVersion);
    // The buttons were taken off the dry run, so it cannot be pressed twice.
    const edit = b.fake.calls.slice(mark).find((c) => c.method === 'editMessageReplyMarkup')!;
    expect(edit.error).toBeUndefined();
    expect(edit.payload.message_id).toBe(messageId(preview));
    expect(b.fake.message(admin.id, messageId(preview))!.reply_markup).toBeUndefined();

    expect(await readCurrentVersion(ts.indexesDir)).toBe(newVersion);
    expect(ts.kb().version).toBe(newVersion);
    expect(seen(await say(member, '/section 4.2.15'))).toContain('推動跨境電子商務合作');
    const answer = seen(await say(member, '貿易投資便利化有哪些措施?'));
    expect(answer).toContain('檢驗檢疫和反壟斷合作');
    expect(answer).toMatch(/§4\.2\.3 貿易投資便利化 的條文在 \d{4}-\d{2}-\d{2} 更新的版本中有修改/);
  });

  it('/changes shows the diff of the latest version and the translations it left outdated', async () => {
    const all = await say(admin, '/changes');
    const text = seen(all);
    expect(text).toContain(`Changes between ${initialVersion}`);
    expect(text).toContain('§4.2.3 貿易投資便利化 — changed');
    expect(text).toContain('§4.2.15 數字貿易合作 — added');
    expect(text).toContain('§4.3.7 民間交流 — removed');
    // Added words are underlined, removed ones struck through.
    expect(String(all.payload.text)).toContain('<u>檢驗檢疫和</u>');
    expect(String(all.payload.text)).toMatch(/<s>[^<]*民間交流/);
    expect(text).toMatch(/Outdated translations \(\d+\)/);
    expect(text).toContain('• §4.2.3 貿易投資便利化 (en: Trade and investment facilitation)');

    const one = seen(await say(admin, '/changes 4.2.3'));
    expect(one).toContain('Changes to §4.2.3');
    expect(one).not.toContain('§4.2.15');
    expect(one).toContain('• §4.2.3 貿易投資便利化');
  });

  it('/rollback shows what returning would change; Confirm returns to the previous version', async () => {
    const dryRun = await say(admin, '/rollback');
    expect(seen(dryRun)).toContain(`Dry run — roll back from ${newVersion} to ${initialVersion}.`);
    const mark = b.fake.mark();
    await press(admin, dryRun, buttonData(dryRun)[0]!);
    const report = await messageMatching(admin.id, /^Rolled back/, mark, 60_000);
    expect(seen(report)).toContain(`Rolled back: index ${initialVersion} is now current (was ${newVersion})`);
    expect(ts.kb().version).toBe(initialVersion);
    expect(seen(await say(member, '/section 4.2.15'))).toBe(t('unknownSection', 'zh-Hant', { id: '4.2.15' }));
  });
});

describe('/reindex', () => {
  it('shows a dry run of rebuilding from corpus/; Cancel discards it and a later press is told it is gone', async () => {
    const dryRun = await say(admin, '/reindex');
    expect(seen(dryRun)).toContain('Dry run — rebuild from corpus/.');
    expect(seen(dryRun)).toContain('corpus/ has not changed since the version in service was built.');
    const [ok, no] = buttonData(dryRun);
    const mark = b.fake.mark();
    const cancelled = await press(admin, dryRun, no!);
    expect(cancelled.payload.text).toBe(tr('reindexCancelled', 'en'));
    expect(seen(await b.fake.waitForMessage(admin.id, { after: mark }))).toBe(tr('reindexCancelled', 'en'));
    expect((await press(admin, dryRun, ok!)).payload.text).toBe(tr('reindexGone', 'en'));
    expect(ts.kb().version).toBe(initialVersion);
  });

  it('in a group, a member pressing an admin\'s Confirm is refused and the dry run stays pending', async () => {
    const group: FakeChat = { id: -100_654, type: 'supergroup', title: 'Plan team' };
    const dryRun = await say(admin, '/reindex@planbot_test_bot', group);
    const [ok, no] = buttonData(dryRun);
    const refused = await press(member, dryRun, ok!, group);
    expect(refused.payload).toMatchObject({ text: tr('adminOnly', 'zh-Hant'), show_alert: true });
    expect(ts.services.live.reindex.pendingPreview(ok!.slice('rx:ok:'.length))).toBeDefined();
    expect(b.logs.lines.some((l) => l.msg === 're-index button pressed by a non-admin: refused' && l.userId === String(member.id))).toBe(true);
    expect((await press(admin, dryRun, no!, group)).payload.text).toBe(tr('reindexCancelled', 'en'));
    expect(ts.kb().version).toBe(initialVersion);
  });

  it('while another re-index runs, a request is told so; a confirmation waits with its buttons back', async () => {
    const dryRun = await say(admin, '/reindex');
    const lock = await acquireIndexLock(ts.indexesDir, 'a test holding the lock');
    try {
      expect(seen(await say(admin, '/reindex'))).toMatch(/^A re-index is already running \(a test holding the lock, started .* by process \d+\)\. Try again when it has finished\.$/);
      const mark = b.fake.mark();
      b.fake.sendDocument(adminChat(), admin, { name: 'plan.txt', bytes: Buffer.from(await planText()) });
      expect(seen(await b.fake.waitForMessage(admin.id, { after: mark }))).toMatch(/^A re-index is already running/);
      expect(b.fake.downloads(mark)).toEqual([]);

      const confirmMark = b.fake.mark();
      await press(admin, dryRun, buttonData(dryRun)[0]!);
      expect(seen(await b.fake.waitForMessage(admin.id, { after: confirmMark }))).toMatch(/^A re-index is already running/);
      await b.fake.waitFor((c) => c.method === 'editMessageReplyMarkup' && (c.payload.reply_markup as { inline_keyboard: unknown[] } | undefined)?.inline_keyboard.length === 1, { after: confirmMark });
      expect(b.fake.message(admin.id, messageId(dryRun))!.reply_markup).toEqual(dryRun.payload.reply_markup);
    } finally {
      await lock.release();
    }
    expect(ts.kb().version).toBe(initialVersion);
    // Once the other re-index is done, the same dry run can still be cancelled.
    expect((await press(admin, dryRun, buttonData(dryRun)[1]!)).payload.text).toBe(tr('reindexCancelled', 'en'));
  });
});

describe('documents that cannot be used change nothing', () => {
  it('a non-admin\'s document is refused without being downloaded', async () => {
    const mark = b.fake.mark();
    b.fake.sendDocument(b.fake.privateChat(member), member, { name: 'plan.txt', bytes: Buffer.from(await planText()) });
    expect(seen(await b.fake.waitForMessage(member.id, { after: mark }))).toBe(tr('documentAdminOnly', 'zh-Hant'));
    expect(b.fake.calls.slice(mark).filter((c) => c.method === 'getFile' || c.method === 'downloadFile')).toEqual([]);
    expect(seen(await say(member, '/reindex'))).toBe(tr('adminOnly', 'zh-Hant'));
  });

  it('a file over MAX_DOCUMENT_MB is refused from the size Telegram announces, before any download', async () => {
    const mark = b.fake.mark();
    b.fake.sendDocument(adminChat(), admin, { name: 'huge-plan.pdf', announcedSize: ts.services.live.reindex.maxDocumentBytes + 1 });
    const reply = seen(await b.fake.waitForMessage(admin.id, { after: mark }));
    expect(reply).toBe('The document was not used: The file is 20.0 MB; documents are limited to 20.0 MB (MAX_DOCUMENT_MB). The index in service is unchanged.');
    expect(b.fake.calls.slice(mark).filter((c) => c.method === 'getFile' || c.method === 'downloadFile')).toEqual([]);
  });

  it('a scanned PDF, a photo, an unchanged plan and a failed download each get their reason', async () => {
    const corpusBefore = await snapshot(ts.corpusDir);
    const send = async (file: Parameters<BotOnFake['fake']['sendDocument']>[2]) => {
      const mark = b.fake.mark();
      b.fake.sendDocument(adminChat(), admin, file);
      return { text: seen(await b.fake.waitForMessage(admin.id, { after: mark, timeoutMs: 20_000 })), mark };
    };
    const scanned = await send({ name: 'scan.pdf', bytes: imageOnlyPdf(), mimeType: 'application/pdf' });
    expect(scanned.text).toMatch(/^The document was not used: .*text layer.* The index in service is unchanged\.$/s);

    const photo = await send({ name: 'photo.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), mimeType: 'image/jpeg' });
    expect(photo.text).toBe('The document was not used: Files of type .jpg cannot be read. Send the plan as .txt, .md, .docx or .pdf. The index in service is unchanged.');
    expect(b.fake.downloads(photo.mark)).toEqual([]);

    const unchanged = await send({ name: 'lmc-plan-2023-2027.txt', bytes: Buffer.from(await planText()) });
    expect(unchanged.text).toMatch(/^The document was not used: The document is the same as the version of .* in service/);

    const lost = await send({ name: 'plan.txt', announcedSize: 1000 });
    expect(lost.text).toBe(tr('downloadFailed', 'en', { reason: "Telegram's file server answered 404" }));

    expect(await snapshot(ts.corpusDir)).toEqual(corpusBefore);
    expect(ts.kb().version).toBe(initialVersion);
    expect(b.logs.raw.join('')).not.toContain(b.fake.token);
  });

  it('in a group, a document addressed to the bot is pointed to a private chat', async () => {
    const group: FakeChat = { id: -100_321, type: 'supergroup', title: 'Officials' };
    const mark = b.fake.mark();
    b.fake.sendDocument(group, admin, { name: 'plan.txt', bytes: Buffer.from('x'), caption: '@planbot_test_bot new version' });
    expect(seen(await b.fake.waitForMessage(group.id, { after: mark }))).toBe(tr('documentPrivateOnly', 'en'));
    expect(b.fake.downloads(mark)).toEqual([]);
  });
});
