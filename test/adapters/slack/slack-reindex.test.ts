import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ResponseUrlPost, WebApiCall } from '../../fakes/slack-web-api.js';
import { acquireIndexLock } from '../../../src/engine/index/lock.js';
import { readCurrentVersion } from '../../../src/engine/index/store.js';
import { openTestBotServices, type TestBotServices } from '../../helpers/bot-services.js';
import { blockText, BOT_TOKEN, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';
import { editedPlan, PLAN_FILE, snapshot } from '../../helpers/workspace.js';

const ADMIN = 'UADMIN';
const MEMBER = 'UMEMBER';
const ADMIN_DM = 'DADMIN';

let tbs: TestBotServices;
let h: SlackHarness;
let initial: string;

beforeAll(async () => {
  tbs = await openTestBotServices({ admins: { slack: [ADMIN] } });
  h = await startSlackHarness({ services: tbs.services });
  initial = tbs.services.live.holder.current().version;
});

afterAll(async () => {
  await h?.close();
  await tbs?.close();
});

beforeEach(() => h.fake.reset());

interface Button {
  action_id: string;
  value: string;
}

const buttonsIn = (blocks: unknown): Button[] =>
  ((blocks ?? []) as { type: string; elements?: Button[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const textOf = (m: { text?: unknown; blocks?: unknown }) => `${String(m.text ?? '')}\n${blockText(m.blocks)}`;
const disk = async () => ({ corpus: await snapshot(tbs.corpusDir), indexes: await snapshot(tbs.indexesDir) });

async function plan(text: string, user: string): Promise<{ reply: ResponseUrlPost; url: string }> {
  const url = h.fake.responseUrl();
  await h.sender.command({ text, user_id: user, response_url: url });
  return { reply: await h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`)), url };
}

/** Shares a file with the bot in a DM; resolves with the bot's first reply there. */
async function share(name: string, bytes: Uint8Array, user = ADMIN, options: { size?: number } = {}): Promise<{ reply: WebApiCall; fileId: string }> {
  const channel = user === ADMIN ? ADMIN_DM : 'DMEMBER';
  const file = h.fake.addFile(name, bytes, options);
  const before = h.fake.callsTo('chat.postMessage').length;
  const res = await h.sender.fileShare({ files: [{ ...file }], user, channel });
  expect(res.status).toBe(200);
  const reply = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.channel === channel && h.fake.callsTo('chat.postMessage').indexOf(c) >= before);
  return { reply, fileId: file.id };
}

/** Clicks a button on a message; resolves with the response URL to read the replies at. */
async function click(button: Button, user: string, where: { channel: string; ts: string; ephemeral?: boolean }): Promise<string> {
  const url = h.fake.responseUrl();
  await h.sender.action({
    user: { id: user, name: user.toLowerCase() },
    channel: { id: where.channel, name: 'x' },
    container: { type: 'message', message_ts: where.ts, channel_id: where.channel, is_ephemeral: where.ephemeral ?? false },
    ...(where.ephemeral ? {} : { message: { type: 'message', ts: where.ts, text: 'dry run' } }),
    response_url: url,
    actions: [{ type: 'button', action_id: button.action_id, block_id: 'b1', value: button.value, action_ts: '1.0' }],
  });
  return url;
}

const encode = (text: string) => new TextEncoder().encode(text);

describe('re-indexing from Slack (admins only)', () => {
  it('refuses /plan reindex, rollback, changes and versions to non-admins, changing nothing', async () => {
    const before = await disk();
    for (const command of ['reindex', 'rollback', 'changes', 'changes 4.2.3', 'versions']) {
      const { reply } = await plan(command, MEMBER);
      expect(String(reply.body.text)).toMatch(/^Sorry, `\/plan \w+` is for PlanBot admins only/);
    }
    expect(await disk()).toEqual(before);
  });

  it('refuses a document shared by a non-admin without downloading it', async () => {
    const before = await disk();
    const { reply, fileId } = await share(PLAN_FILE, encode(await editedPlan()), MEMBER);
    expect(reply.params.text).toBe('抱歉,只有管理員可以傳送文件來更新計畫。如要提問,請直接輸入問題。');
    expect(h.fake.downloadsOf(fileId)).toHaveLength(0);
    expect(await disk()).toEqual(before);
  });

  it('rejects a document Slack says is too large before downloading it', async () => {
    const { reply, fileId } = await share('plan.txt', encode('4.2.3 x'), ADMIN, { size: 25 * 1024 * 1024 });
    expect(textOf(reply.params)).toContain('The document was not used: The file is 25.0 MB; documents are limited to 20.0 MB (MAX_DOCUMENT_MB).');
    expect(h.fake.downloadsOf(fileId)).toHaveLength(0);
  });

  it('rejects a document it cannot use with the reason, and nothing changes', async () => {
    const before = await disk();
    const { reply } = await share('scan.txt', new Uint8Array([0, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0, 7, 8].concat(Array(200).fill(0))));
    expect(textOf(reply.params)).toContain('The document was not used:');
    expect(textOf(reply.params)).toContain('The index in service is unchanged.');
    expect(buttonsIn(reply.params.blocks)).toHaveLength(0);
    expect(await disk()).toEqual(before);
  });

  it('shows a dry run of an uploaded plan with Confirm / Cancel; Cancel changes nothing', async () => {
    const before = await disk();
    const { reply, fileId } = await share(PLAN_FILE, encode(await editedPlan()));
    const download = h.fake.downloadsOf(fileId);
    expect(download).toHaveLength(1);
    expect(download[0]!.token).toBe(BOT_TOKEN);
    const text = textOf(reply.params);
    expect(text).toContain('Dry run — new version of "瀾湄合作五年行動計畫(2023-2027)"');
    expect(text).toMatch(/Changed \(1\):\s+§4\.2\.3 貿易投資便利化/);
    expect(text).toMatch(/Added \(1\):\s+§4\.2\.15/);
    expect(text).toMatch(/Removed \(1\):\s+§4\.3\.7 民間交流/);
    const buttons = buttonsIn(reply.params.blocks);
    expect(buttons.map((b) => b.action_id)).toEqual(['planbot.reindex.confirm', 'planbot.reindex.cancel']);
    expect(await disk()).toEqual(before);

    // Someone else clicking it (a preview shown in a shared place) is refused; the dry run stays.
    const stranger = await click(buttons[0]!, MEMBER, { channel: ADMIN_DM, ts: '1700000100.000001' });
    expect((await h.fake.waitForResponse((r) => stranger.endsWith(`/${r.id}`))).body.text).toBe('抱歉,只有管理員可以確認或取消索引更新。');
    const id = (JSON.parse(buttons[0]!.value) as { id: string }).id;
    expect(tbs.services.live.reindex.pendingPreview(id)).toBeDefined();

    const url = await click(buttons[1]!, ADMIN, { channel: ADMIN_DM, ts: '1700000100.000001' });
    const replaced = await h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`));
    expect(replaced.body.replace_original).toBe(true);
    expect(textOf(replaced.body)).toContain('已取消,未作任何更改');
    expect(buttonsIn(replaced.body.blocks)).toHaveLength(0);
    expect(tbs.services.live.reindex.pendingPreview(id)).toBeUndefined();
    expect(await disk()).toEqual(before);

    // A second click on the old buttons is told the dry run is gone.
    const late = await click(buttons[0]!, ADMIN, { channel: ADMIN_DM, ts: '1700000100.000001' });
    expect(String((await h.fake.waitForResponse((r) => late.endsWith(`/${r.id}`))).body.text)).toContain('這次預覽已過期或已處理過');
    expect(await disk()).toEqual(before);
  });

  it('Confirm builds and switches: the report gives the new version and the time, and answers use it at once', async () => {
    const { reply } = await share(PLAN_FILE, encode(await editedPlan()));
    const [confirm] = buttonsIn(reply.params.blocks);
    const url = await click(confirm!, ADMIN, { channel: ADMIN_DM, ts: '1700000200.000001' });
    const building = await h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`));
    expect(building.body.replace_original).toBe(true);
    expect(textOf(building.body)).toContain('<@UADMIN> 已確認,正在建立並切換索引');
    expect(buttonsIn(building.body.blocks)).toHaveLength(0);

    const report = await h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.channel === ADMIN_DM && textOf(c.params).includes('now current'), 60_000);
    const version = await readCurrentVersion(tbs.indexesDir);
    expect(version).not.toBe(initial);
    const text = textOf(report.params);
    expect(text).toMatch(new RegExp(`索引已更新:現行版本 ${version}\\(建立於 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\),耗時 [\\d.]+ (ms|s)。`));
    expect(text).toContain(`index ${version} is now current (was ${initial}); sections 1 changed, 1 added, 1 removed. Took`);
    expect(tbs.services.live.holder.current().version).toBe(version);

    // The new section is answered from the new version straight away.
    const { reply: answer } = await plan('4.2.15', MEMBER);
    expect(textOf(answer.body)).toContain('數字貿易合作');
  });

  it('/plan changes shows the diff of the latest version, overall or for one section', async () => {
    const one = await plan('changes 4.2.3', ADMIN);
    const text = textOf(one.reply.body);
    expect(text).toContain('§4.2.3 貿易投資便利化 — changed');
    expect(text).toMatch(/\{\+.*檢驗檢疫/);
    const all = await plan('changes', ADMIN);
    expect(textOf(all.reply.body)).toMatch(/Changes between \S+ .* and the current \S+ .*: 3 sections\./);
  });

  it('/plan rollback shows a dry run; Confirm returns to the previous version and reports it privately', async () => {
    const current = tbs.services.live.holder.current().version;
    const { reply } = await plan('rollback', ADMIN);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(textOf(reply.body)).toContain(`Dry run — roll back from ${current} to ${initial}.`);
    const [confirm] = buttonsIn(reply.body.blocks);
    expect(confirm!.action_id).toBe('planbot.reindex.confirm');
    const url = await click(confirm!, ADMIN, { channel: 'CADMINS', ts: '1700000300.000001', ephemeral: true });
    const done = await h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`) && textOf(r.body).includes('now current'), 60_000);
    expect(done.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(done.body)).toContain(`Rolled back: index ${initial} is now current (was ${current})`);
    expect(tbs.services.live.holder.current().version).toBe(initial);
    // Nothing was posted in the channel: the admin's operations stay private.
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('tells an admin when a re-index is already running, for a new request and for a Confirm click (which stays possible)', async () => {
    const { reply: dryRun } = await plan('reindex', ADMIN);
    expect(textOf(dryRun.body)).toContain('Dry run — rebuild from corpus/.');
    const [confirm] = buttonsIn(dryRun.body.blocks);
    const lock = await acquireIndexLock(tbs.indexesDir, 'a test holding the lock');
    try {
      const busy = await plan('reindex', ADMIN);
      expect(textOf(busy.reply.body)).toContain('A re-index is already running (a test holding the lock');
      const url = await click(confirm!, ADMIN, { channel: 'CADMINS', ts: '1700000400.000001', ephemeral: true });
      const told = await h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`));
      expect(String(told.body.text)).toContain('A re-index is already running');
      expect(told.body.replace_original).toBe(false);
      const id = (JSON.parse(confirm!.value) as { id: string }).id;
      expect(tbs.services.live.reindex.pendingPreview(id)).toBeDefined();
    } finally {
      await lock.release();
    }
    const versions = await tbs.services.live.reindex.versions();
    expect(versions.find((v) => v.current)?.version).toBe(initial);
  });
});
