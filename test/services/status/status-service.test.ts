import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../../src/engine/index/knowledge-base.js';
import { IndexHolder } from '../../../src/engine/index/holder.js';
import type { Database } from '../../../src/services/storage/database.js';
import { openPlanbotDatabase } from '../../../src/services/storage/open.js';
import { StatusService, type StatusReply } from '../../../src/services/status/service.js';
import { statusQuestionSections } from '../../../src/services/status/intent.js';
import { progressBar, emptyCounts } from '../../../src/services/status/views.js';
import { ADMIN, MEMBER, SLACK_ADMIN, buildStatusTestIndex, openStatusFixture, permissions, silentLog, type StatusFixture } from '../../helpers/status-fixture.js';

let fx: StatusFixture;
let db: Database;
let service: StatusService;

beforeAll(async () => {
  fx = await openStatusFixture();
  db = await openPlanbotDatabase(path.join(fx.dir, 'data'));
  service = new StatusService({ db, knowledge: fx.holder, permissions, timeZone: 'Asia/Bangkok', log: silentLog });
});
afterAll(async () => {
  await db.close();
  await fx.cleanup();
});

function historyRows(): Promise<number> {
  return db.get<{ n: number }>('SELECT COUNT(*) AS n FROM item_status_history').then((r) => r!.n);
}

function expectKind<K extends StatusReply['kind']>(reply: StatusReply, kind: K): Extract<StatusReply, { kind: K }> {
  expect(reply.kind, reply.text).toBe(kind);
  return reply as Extract<StatusReply, { kind: K }>;
}

describe('looking up a status (everyone)', () => {
  it('an item with no record says so, with its number and title', async () => {
    const reply = expectKind(await service.status('4.2.13', 'zh-Hant'), 'cards');
    expect(reply.cards[0]).toMatchObject({ sectionId: '4.2.13', label: '§4.2.13 應對氣候變化', earlierChanges: 0, missing: false });
    expect(reply.cards[0]!.record).toBeUndefined();
    expect(reply.text).toBe('§4.2.13 應對氣候變化\n尚未記錄狀態。');
    expect((await service.status('4.2.13', 'en')).text).toContain('No status recorded yet.');
  });

  it('an unknown section is a clear error that shows valid numbers and statuses', async () => {
    const reply = expectKind(await service.status('4.2.99', 'en'), 'error');
    expect(reply.problem).toEqual({ code: 'unknownSection', input: '4.2.99' });
    expect(reply.text).toContain('There is no section "4.2.99"');
    expect(reply.text).toContain('4.2.1–4.2.14');
    expect(reply.text).toContain('not_started, planned, in_progress, done, blocked');
  });
});

describe('updating a status (admins only)', () => {
  it('an admin sets status, owner, due date and note; the card shows who, when and how many earlier changes', async () => {
    const first = expectKind(await service.setStatus('4.2.12 planned owner="水利部" due=2027-06-30 note="可行性研究"', ADMIN, 'zh-Hant'), 'updated');
    expect(first.card.record).toMatchObject({ status: 'planned', owner: '水利部', dueDate: '2027-06-30', note: '可行性研究', updatedBy: { platform: 'telegram', userId: '1001', displayName: '陳主任' } });
    const second = expectKind(await service.setStatus('4.2.12 進行中 note="第一期動工"', SLACK_ADMIN, 'zh-Hant'), 'updated');
    expect(second.previous?.status).toBe('planned');
    expect(second.card.earlierChanges).toBe(1);

    const card = expectKind(await service.status('4.2.12', 'zh-Hant'), 'cards');
    expect(card.text.split('\n')).toEqual([
      '§4.2.12 水資源合作',
      '狀態: 進行中',
      '牽頭單位: 水利部',
      '預計完成: 2027-06-30',
      '備註: 第一期動工',
      expect.stringMatching(/^最後更新:Ana \(slack\),\d{4}-\d\d-\d\d \d\d:\d\d \(UTC\+7\) · 此前另有 1 次變更$/),
    ]);
    const en = await service.status('4.2.12', 'en');
    expect(en.text).toContain('Status: in progress');
    expect(en.text).toContain('1 earlier change(s)');
  });

  it('a non-admin is refused politely and nothing is written', async () => {
    const before = await historyRows();
    for (const actor of [MEMBER, { platform: 'slack' as const, userId: 'U0GUEST' }, { platform: 'slack' as const, userId: ADMIN.userId }]) {
      const reply = expectKind(await service.setStatus('4.2.3 done', actor, 'en'), 'refused');
      expect(reply.text).toMatch(/^Sorry, only admins/);
    }
    expect(await historyRows()).toBe(before);
    expect(await service.store.get('4.2.3')).toBeUndefined();
  });

  it('unknown sections, statuses and dates are refused with the valid values, and nothing is written', async () => {
    const before = await historyRows();
    const section = expectKind(await service.setStatus('4.2.15 done', ADMIN, 'en'), 'error');
    expect(section.text).toMatch(/There is no section "4\.2\.15".*chapters 1–5/s);
    expect(section.text).toContain('Sections under §4.2: 4.2.1–4.2.14.');
    expect(section.text).toContain('Nothing was changed.');

    const status = expectKind(await service.setStatus('4.2.3 nearly', ADMIN, 'zh-Hans'), 'error');
    expect(status.text).toContain('不认识状态“nearly”');
    for (const valid of ['not_started (未开始)', 'planned (已规划)', 'in_progress (进行中)', 'done (已完成)', 'blocked (受阻)']) expect(status.text).toContain(valid);

    const date = expectKind(await service.setStatus('4.2.3 done due=2027-02-30', ADMIN, 'en'), 'error');
    expect(date.text).toContain('"2027-02-30" is not a real date in YYYY-MM-DD form');

    const field = expectKind(await service.setStatus('4.2.3 done colour=red', ADMIN, 'en'), 'error');
    expect(field.text).toContain('Valid fields: status, owner, due, note');

    const noStatus = expectKind(await service.setStatus('4.2.3 note="only a note"', ADMIN, 'en'), 'error');
    expect(noStatus.problem).toEqual({ code: 'needsStatus', sectionId: '4.2.3' });

    expect(await historyRows()).toBe(before);
    expect(await service.store.get('4.2.3')).toBeUndefined();
  });

  it('accepts section numbers as people write them', async () => {
    expectKind(await service.setStatus('§4.2.3 done', ADMIN), 'updated');
    expectKind(await service.setStatus('第五部分 planned', ADMIN), 'updated');
    expect((await service.store.get('4.2.3'))?.status).toBe('done');
    expect((await service.store.get('5'))?.status).toBe('planned');
  });
});

describe('overview and lists', () => {
  it('/status shows each chapter with counts per status and a progress bar', async () => {
    await service.setStatus('4.2.1 done', ADMIN);
    await service.setStatus('4.3.2 blocked owner=文旅部', ADMIN);
    const reply = expectKind(await service.status('', 'en'), 'overview');
    const chapter4 = reply.overview.chapters.find((c) => c.sectionId === '4')!;
    const leaves = fx.kb.sections().filter((s) => s.parents[0] === '4' && s.children.length === 0).length;
    expect(chapter4.counts).toMatchObject({ done: 2, in_progress: 1, blocked: 1, total: leaves, untracked: leaves - 4 });
    expect(chapter4.percentDone).toBe(Math.round((2 / leaves) * 100));
    expect(reply.overview.chapters.map((c) => c.sectionId)).toEqual(['1', '2', '3', '4', '5']);
    expect(reply.text).toContain('Plan progress by chapter');
    expect(reply.text).toMatch(/[█▓▒×░]{10} +\d+% §4 務實合作\n {4}in progress 1 · done 2 · blocked 1 · no status \d+/);
  });

  it('/status in_progress (or 進行中) lists the items with that status', async () => {
    const reply = expectKind(await service.status('in_progress', 'en'), 'list');
    expect(reply.cards.map((c) => c.sectionId)).toEqual(['4.2.12']);
    expect(reply.text).toBe('Items in progress (1):\n• §4.2.12 水資源合作 — 水利部, 2027-06-30');
    expect(expectKind(await service.status('進行中', 'zh-Hant'), 'list').total).toBe(1);
    expect(expectKind(await service.status('planned', 'en'), 'list').cards.map((c) => c.sectionId)).toEqual(['5']);
    expect((await service.status('not_started', 'en')).text).toBe('No items are not started.');
  });

  it('a section with parts also summarises its parts', async () => {
    const reply = expectKind(await service.status('4.2', 'en'), 'cards');
    expect(reply.cards[0]!.subItems).toMatchObject({ done: 2, in_progress: 1, total: 14 });
    expect(reply.text).toMatch(/Sub-items: [█▓▒×░]{10} in progress 1 · done 2 · no status 11/);
  });

  it('the progress bar always has ten cells and shows each status present', () => {
    const counts = { ...emptyCounts(), done: 1, in_progress: 1, blocked: 1, untracked: 30, total: 33 };
    const bar = progressBar(counts);
    expect([...bar]).toHaveLength(10);
    expect(progressBar({ ...emptyCounts(), done: 3, total: 3 })).toBe('██████████');
    expect(progressBar({ ...emptyCounts(), done: 1, planned: 1, total: 2 })).toBe('█████▒▒▒▒▒');
  });
});

describe('natural-language status questions', () => {
  const exists = (id: string) => fx.kb.section(id) !== undefined;

  it.each([
    ['4.2.12 進展如何?', ['4.2.12']],
    ['4.2.12进展怎么样', ['4.2.12']],
    ["what's the status of 4.2.12?", ['4.2.12']],
    ['How far along is 4.2.12?', ['4.2.12']],
    ['Has section 4.2.12 been completed yet?', ['4.2.12']],
    ['Is 4.2.3 on track?', ['4.2.3']],
    ['第五部分的進度怎麼樣?', ['5']],
    ['4.2.12 和 4.2.13 落實情況如何', ['4.2.12', '4.2.13']],
    ['４．２．１２完成了嗎?', ['4.2.12']],
  ])('"%s" asks for the status of %j', (question, ids) => {
    expect(statusQuestionSections(question, exists)).toEqual(ids);
  });

  it.each([
    '4.2.12 講了什麼?',
    'What does 4.2.12 say about progress?',
    '水資源合作進展如何?',
    '4.2.12',
    'Tell me about 4.2.12',
    '4.2.99 進展如何?',
  ])('"%s" is not a status question', (question) => {
    expect(statusQuestionSections(question, exists)).toBeUndefined();
  });

  it('answers in the asker\'s language with the status card; other questions are left to the Assistant', async () => {
    const hant = await service.answerQuestion('4.2.12 進展如何?');
    expect(hant?.text).toContain('狀態: 進行中');
    const hans = await service.answerQuestion('4.2.12进展怎么样');
    expect(hans?.lang).toBe('zh-Hans');
    expect(hans?.text).toContain('状态: 进行中');
    const en = await service.answerQuestion("What's the status of 4.2.13?");
    expect(en?.text).toBe('§4.2.13 應對氣候變化\nNo status recorded yet.');
    expect(await service.answerQuestion('水資源合作有哪些安排?')).toBeUndefined();
  });
});

describe('records survive a new document version', () => {
  let reduced: KnowledgeBase;
  beforeAll(async () => {
    await service.setStatus('4.2.14 in_progress note="綠色瀾湄計畫"', ADMIN);
    reduced = await buildStatusTestIndex(fx.indexesDir, { editText: (t) => t.split('\n').filter((l) => !l.startsWith('4.2.14 ')).join('\n') });
  });

  it('a section that disappears is flagged, not deleted, and comes back when the section does', async () => {
    expect(reduced.section('4.2.14')).toBeUndefined();
    const holder = new IndexHolder(fx.kb);
    const versioned = new StatusService({ db, knowledge: holder, permissions, timeZone: 'UTC' });
    holder.swap(reduced);
    expect((await versioned.syncSections()).flagged).toEqual(['4.2.14']);

    const card = expectKind(await versioned.status('4.2.14', 'en'), 'cards');
    expect(card.cards[0]).toMatchObject({ missing: true, label: '§4.2.14 生態環境保護和林業合作', record: { status: 'in_progress', note: '綠色瀾湄計畫' } });
    expect(card.text).toContain('not in the current version of the plan');
    // It can no longer be updated, and the overview counts it apart.
    expect(expectKind(await versioned.setStatus('4.2.14 done', ADMIN, 'en'), 'error').problem.code).toBe('unknownSection');
    expect(expectKind(await versioned.overview('en'), 'overview').overview.missing).toBe(1);

    holder.swap(fx.kb);
    expect((await versioned.syncSections()).restored).toEqual(['4.2.14']);
    expect(expectKind(await versioned.status('4.2.14', 'en'), 'cards').cards[0]!.missing).toBe(false);
  });
});

describe('when the database fails', () => {
  it('replies politely instead of throwing', async () => {
    const db2 = await openPlanbotDatabase(path.join(fx.dir, 'other-data'));
    const broken = new StatusService({ db: db2, knowledge: fx.holder, permissions, log: silentLog });
    await db2.close();
    const lookup = expectKind(await broken.status('4.2.12', 'en'), 'error');
    expect(lookup.text).toBe('The status database cannot be reached right now; please try again later.');
    expectKind(await broken.setStatus('4.2.12 done', ADMIN, 'en'), 'error');
  });
});
