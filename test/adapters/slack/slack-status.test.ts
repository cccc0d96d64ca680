import { describe, expect, it } from 'vitest';
import { nextTs } from '../../fakes/slack-requests.js';
import type { ResponseUrlPost, WebApiCall } from '../../fakes/slack-web-api.js';
import { blockText, slashCommand, useSlackBot } from '../../helpers/slack-harness.js';

const ADMIN = 'UADMIN';
const MEMBER = 'UMEMBER';

const bot = useSlackBot({ admins: { slack: [ADMIN] } });

const desk = () => bot.tbs.services.desk;
const historyRows = async () => (await desk().db.get<{ n: number }>('SELECT COUNT(*) AS n FROM item_status_history'))!.n;

/** `/plan <text>` by a user; resolves with the first reply at its response URL and all text shown. */
function plan(text: string, user = MEMBER): Promise<{ reply: ResponseUrlPost; text: string; url: string }> {
  return slashCommand(bot.h, text, { id: user, name: user === ADMIN ? 'ana' : 'visitor' });
}

interface Button {
  action_id: string;
  value: string;
}

function buttonsIn(blocks: unknown): Button[] {
  return ((blocks ?? []) as { type: string; elements?: Button[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

function click(button: Button, user: string, where: { channel: string; ts: string; ephemeral?: boolean }, responseUrl = bot.h.fake.responseUrl()) {
  return bot.h.sender.action({
    user: { id: user, name: user.toLowerCase() },
    channel: { id: where.channel, name: 'x' },
    container: { type: 'message', message_ts: where.ts, channel_id: where.channel, is_ephemeral: where.ephemeral ?? false },
    ...(where.ephemeral ? {} : { message: { type: 'message', ts: where.ts, text: 'answer' } }),
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: button.action_id, block_id: 'b1', value: button.value, action_ts: '1.0' }],
  });
}

async function clickAndRead(button: Button, user: string, where: { channel: string; ts: string; ephemeral?: boolean }): Promise<ResponseUrlPost> {
  const url = bot.h.fake.responseUrl();
  await click(button, user, where, url);
  return bot.h.fake.waitForResponse((r) => url.endsWith(`/${r.id}`));
}

describe('status in Slack (/plan status, /plan setstatus, natural questions)', () => {
  it('looks up an item with no record, and shows an empty overview naming the Slack command to use', async () => {
    const card = await plan('status 4.2.12');
    expect(card.reply.body.response_type).toBe('ephemeral');
    expect(card.text).toContain('*§4.2.12 水資源合作*');
    expect(card.text).toContain('No status recorded yet.');
    const overview = await plan('status');
    expect(overview.text).toContain('No plan item has a status yet. Admins can set one with /plan setstatus 4.2.12 in_progress.');
    expect(overview.text).not.toMatch(/(^|\s)\/setstatus/);
  });

  it('refuses /plan setstatus to a non-admin politely, writing nothing', async () => {
    const before = await historyRows();
    const { text } = await plan('setstatus 4.2.12 in_progress owner="水利部"', MEMBER);
    expect(text).toContain('is for PlanBot admins only');
    expect(await historyRows()).toBe(before);
    expect(await desk().status.store.get('4.2.12')).toBeUndefined();
  });

  it('rejects invalid updates from an admin with the valid values, writing nothing', async () => {
    const before = await historyRows();
    const unknownSection = await plan('setstatus 4.2.99 done', ADMIN);
    expect(unknownSection.text).toContain('There is no section "4.2.99"');
    expect(unknownSection.text).toContain('4.2.1–4.2.14');
    expect(unknownSection.text).toContain('Nothing was changed.');
    const unknownStatus = await plan('setstatus 4.2.12 almost', ADMIN);
    expect(unknownStatus.text).toContain('not_started, planned, in_progress, done, blocked');
    const badDate = await plan('setstatus 4.2.12 done due=2027-02-30', ADMIN);
    expect(badDate.text).toContain('not a real date');
    expect(await historyRows()).toBe(before);
  });

  it('lets an admin set status, owner, due date and a quoted note (curly quotes as phones type them)', async () => {
    const { text } = await plan('setstatus 4.2.12 in_progress owner="水利部" due=2027-06-30 note=“Phase 1: survey & design”', ADMIN);
    expect(text).toContain('Updated §4.2.12 水資源合作.');
    expect(text).toContain('Status: in progress');
    // Escaped for Slack, stored as typed.
    expect(text).toContain('Note: Phase 1: survey &amp; design');
    const record = await desk().status.store.get('4.2.12');
    expect(record).toMatchObject({ status: 'in_progress', owner: '水利部', dueDate: '2027-06-30', note: 'Phase 1: survey & design', updatedBy: { platform: 'slack', userId: ADMIN, displayName: 'ana' } });

    const list = await plan('status in_progress');
    expect(list.text).toContain('Items in progress (1)');
    expect(list.text).toContain('§4.2.12 水資源合作 — 水利部, 2027-06-30');
    const overview = await plan('status');
    expect(overview.text).toMatch(/```[\s\S]*▓[\s\S]*```/);
    const history = await plan('history 4.2.12');
    expect(history.text).toContain('History of §4.2.12 水資源合作');
  });

  it('answers "4.2.12 進展如何?" in a mention with the status card, logged, with a section button and 👍/👎', async () => {
    await desk().status.setStatus('4.2.12 in_progress owner="水利部"', { platform: 'slack', userId: ADMIN }, 'en');
    const logged = await desk().questions.count();
    const ts = nextTs();
    await bot.h.sender.mention({ text: '4.2.12 進展如何?', ts, channel: 'CPLANNING' });
    const post = await bot.h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts);
    const text = blockText(post.params.blocks);
    expect(text).toContain('*§4.2.12 水資源合作*');
    expect(text).toContain('狀態: 進行中');
    expect(text).toContain('牽頭單位: 水利部');
    expect(buttonsIn(post.params.blocks).map((b) => b.action_id)).toEqual(['planbot.section:4.2.12', 'planbot.feedback.up', 'planbot.feedback.down']);
    expect(await desk().questions.count()).toBe(logged + 1);
  });

  it('answers "what\'s the status of 4.2.12?" in a DM in English', async () => {
    await bot.h.sender.message({ channel: 'DBOB', channel_type: 'im', text: "what's the status of 4.2.12?" });
    const post = await bot.h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.channel === 'DBOB');
    expect(blockText(post.params.blocks)).toContain('Status: in progress');
  });

  it('stores 👍/👎 against the logged question; a second vote by the same user replaces the first', async () => {
    const ts = nextTs();
    await bot.h.sender.mention({ text: '水資源合作有哪些安排?', ts, channel: 'CPLANNING' });
    const post = await bot.h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts);
    const [up, down] = buttonsIn(post.params.blocks).filter((b) => b.action_id.startsWith('planbot.feedback'));
    const where = { channel: 'CPLANNING', ts: '1700000000.000900' };
    const before = (await desk().questions.stats()).feedback;

    expect((await clickAndRead(up!, 'UVOTER', where)).body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: '謝謝您的回饋!' });
    expect((await desk().questions.stats()).feedback).toMatchObject({ up: before.up + 1, down: before.down });
    expect((await clickAndRead(down!, 'UVOTER', where)).body.text).toBe('已更新您的回饋。');
    expect((await desk().questions.stats()).feedback).toMatchObject({ up: before.up, down: before.down + 1 });
    // Another person's vote is their own.
    await clickAndRead(up!, 'UOTHER', where);
    expect((await desk().questions.stats()).feedback).toMatchObject({ up: before.up + 1, down: before.down + 1 });
  });

  it('says so when a vote is for an answer no longer in the log (or a forged value)', async () => {
    const forged = { action_id: 'planbot.feedback.up', value: JSON.stringify({ p: 'fb:up:doesnotexist', lang: 'en' }) };
    expect((await clickAndRead(forged, 'UVOTER', { channel: 'C1', ts: '1.1' })).body.text).toBe('This answer is too old to rate.');
  });

  it('logs a /plan question once: the public copy posted to the channel carries the same 👍/👎', async () => {
    const logged = await desk().questions.count();
    const { reply } = await plan('4.2.12 進展如何?');
    expect(await desk().questions.count()).toBe(logged + 1);
    const buttons = buttonsIn(reply.body.blocks);
    const post = buttons.find((b) => b.action_id === 'planbot.post')!;
    const upPrivate = buttons.find((b) => b.action_id === 'planbot.feedback.up')!;
    await click(post, MEMBER, { channel: 'CPLANNING', ts: '1700000000.000950', ephemeral: true });
    const published: WebApiCall = await bot.h.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.channel === 'CPLANNING');
    expect(blockText(published.params.blocks)).toContain('狀態: 進行中');
    expect(buttonsIn(published.params.blocks).find((b) => b.action_id === 'planbot.feedback.up')!.value).toBe(upPrivate.value);
    expect(await desk().questions.count()).toBe(logged + 1);
  });

  it('shows /plan stats to admins only', async () => {
    const refused = await plan('stats', MEMBER);
    expect(refused.text).toContain('`/plan stats` is for PlanBot admins only');
    const { text } = await plan('stats', ADMIN);
    expect(text).toContain('Question statistics');
    expect(text).toMatch(/Questions today: [1-9]\d*; last 7 days: [1-9]/);
    expect(text).toContain('§4.2.12');
  });

  it('/plan about shows the index, the answer mode and the database health', async () => {
    const { text } = await plan('about');
    expect(text).toContain('瀾湄合作五年行動計畫');
    expect(text).toContain(`Index version ${bot.tbs.services.live.holder.current().version}`);
    expect(text).toContain('Answers: extractive');
    expect(text).toContain('Database: ok');
    expect(text).toContain('Items tracked: 1');
    expect(text).toMatch(/Last status change: §4\.2\.12 水資源合作 → in progress/);
    const zh = await plan('關於');
    expect(zh.text).toContain('資料庫:正常');
    expect(zh.text).toContain('回答方式:直接引用計畫原文');
  });

  it('keeps questions that merely start with a command word as questions', async () => {
    const { reply } = await plan('status of water cooperation in the plan?');
    expect(JSON.stringify(reply.body.blocks)).toContain('planbot.section:');
    expect(JSON.stringify(reply.body)).not.toContain('There is no section');
  });
});
