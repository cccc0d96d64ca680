import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/app/settings.js';
import { openDesk, type Desk } from '../../src/services/desk/desk.js';
import { feedbackPayload, parseFeedbackPayload } from '../../src/services/questions/feedback.js';
import { QuestionLog } from '../../src/services/questions/log.js';
import { renderStats } from '../../src/services/questions/stats-view.js';
import type { SqlDatabase } from '../../src/services/storage/sql-database.js';
import { storageBackends } from '../helpers/storage-backends.js';
import { ADMIN, MEMBER, SLACK_ADMIN, openStatusFixture, permissions, silentLog, type StatusFixture } from '../helpers/status-fixture.js';

let fx: StatusFixture;
beforeAll(async () => {
  fx = await openStatusFixture();
});
afterAll(async () => {
  await fx.cleanup();
});

const DAY = 86_400_000;

describe.each(storageBackends())('$name', (backend) => {
  describe('question log', () => {
    let db: SqlDatabase;
    let log: QuestionLog;
    beforeAll(async () => {
      db = await backend.open();
      log = await QuestionLog.open(db, { retentionDays: 30, timeZone: 'UTC' });
    });
    afterAll(async () => {
      await db.close();
    });

    it('logs an answered question with its citations, abstention and latency, and a salted hash instead of the user id', async () => {
      const answer = await fx.assistant.ask('瀾湄合作在水資源方面有哪些安排?');
      const { ref } = await log.recordAnswer(MEMBER, answer, 123.4);
      expect(ref).toMatch(/^[A-Za-z0-9_-]{12}$/);
      const row = await db.get<Record<string, unknown>>('SELECT * FROM question_log WHERE ref = ?', [ref]);
      expect(row).toMatchObject({ platform: 'telegram', question: answer.question, abstained: 0, latency_ms: 123, kind: answer.kind, index_version: fx.kb.version });
      expect(row!.user_hash).toMatch(/^[0-9a-f]{64}$/);
      const cited = await db.all<{ section_id: string }>('SELECT section_id FROM question_citations c JOIN question_log q ON q.id = c.question_id WHERE q.ref = ? ORDER BY rank', [ref]);
      expect(cited.map((c) => c.section_id)).toEqual(answer.citations.map((c) => c.sectionId));
      expect(cited.length).toBeGreaterThan(0);
      // The raw id appears nowhere in the database.
      const dump = JSON.stringify(await db.all('SELECT * FROM question_log')) + JSON.stringify(await db.all('SELECT * FROM feedback'));
      expect(dump).not.toContain(`"${MEMBER.userId}"`);
      expect(log.hashUser(MEMBER)).not.toBe(log.hashUser({ platform: 'slack', userId: MEMBER.userId }));
    });

    it('keeps its generated salt across restarts, and a configured salt changes the hashes', async () => {
      const again = await QuestionLog.open(db, { retentionDays: 30 });
      expect(again.hashUser(MEMBER)).toBe(log.hashUser(MEMBER));
      const configured = await QuestionLog.open(db, { retentionDays: 30, salt: 'from-the-env' });
      expect(configured.hashUser(MEMBER)).not.toBe(log.hashUser(MEMBER));
    });

    it('a second vote by the same user replaces the first; other users vote separately', async () => {
      const { ref } = await log.record({ actor: MEMBER, question: 'q', citedSections: ['4.2.12'], abstained: false, latencyMs: 5 });
      expect(await log.vote(ref, MEMBER, 'up')).toEqual({ outcome: 'recorded', vote: 'up' });
      expect(await log.vote(ref, MEMBER, 'down')).toEqual({ outcome: 'changed', vote: 'down', previous: 'up' });
      expect(await log.vote(ref, MEMBER, 'down')).toEqual({ outcome: 'same', vote: 'down' });
      expect(await log.vote(ref, ADMIN, 'up')).toEqual({ outcome: 'recorded', vote: 'up' });
      const votes = await db.all<{ vote: number }>('SELECT vote FROM feedback f JOIN question_log q ON q.id = f.question_id WHERE q.ref = ? ORDER BY vote', [ref]);
      expect(votes).toEqual([{ vote: -1 }, { vote: 1 }]);
      expect(await log.vote('no-such-ref', MEMBER, 'up')).toEqual({ outcome: 'unknown' });
    });

    it('pruning deletes questions older than the retention period, with their citations and votes', async () => {
      const now = new Date('2030-06-01T12:00:00Z');
      const old = await log.record({ actor: MEMBER, question: 'old one', citedSections: ['4.1'], abstained: false, latencyMs: 1, at: new Date(now.getTime() - 31 * DAY) });
      const recent = await log.record({ actor: MEMBER, question: 'recent one', citedSections: ['4.1'], abstained: false, latencyMs: 1, at: new Date(now.getTime() - 29 * DAY) });
      await log.vote(old.ref, MEMBER, 'up');
      const countOf = async (sql: string, id: number) => (await db.get<{ n: number }>(sql, [id]))!.n;
      const deleted = await log.prune(now);
      expect(deleted).toBeGreaterThanOrEqual(1);
      expect(await db.get('SELECT id FROM question_log WHERE ref = ?', [old.ref])).toBeUndefined();
      expect(await countOf('SELECT COUNT(*) AS n FROM question_citations WHERE question_id = ?', old.id)).toBe(0);
      expect(await countOf('SELECT COUNT(*) AS n FROM feedback WHERE question_id = ?', old.id)).toBe(0);
      expect(await db.get('SELECT question FROM question_log WHERE ref = ?', [recent.ref])).toEqual({ question: 'recent one' });

      const keepForever = await QuestionLog.open(db, { retentionDays: 0 });
      expect(await keepForever.prune(new Date('2099-01-01T00:00:00Z'))).toBe(0);
      expect(await db.get('SELECT question FROM question_log WHERE ref = ?', [recent.ref])).toEqual({ question: 'recent one' });
    });

    it('the daily pruning timer prunes at once and stops cleanly', async () => {
      const db2 = await backend.open();
      const timed = await QuestionLog.open(db2, { retentionDays: 1 });
      await timed.record({ actor: MEMBER, question: 'ancient', citedSections: [], abstained: true, latencyMs: 1, at: new Date(Date.now() - 3 * DAY) });
      const stop = timed.startRetention(60_000);
      await expect.poll(() => timed.count()).toBe(0);
      stop();
      await db2.close();
    });
  });

  describe('statistics', () => {
    it('counts today and the last 7 days, most-cited sections, recent unanswered questions and the feedback ratio', async () => {
      const db = await backend.open();
      try {
        const log = await QuestionLog.open(db, { retentionDays: 90, timeZone: 'Asia/Bangkok' });
        const now = new Date('2030-03-10T05:00:00Z'); // 12:00 in Bangkok
        const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
        const ask = (question: string, hoursAgo: number, cited: string[], abstained = false) => log.record({ actor: MEMBER, question, citedSections: cited, abstained, latencyMs: 10, at: at(hoursAgo) });
        const a = await ask('water?', 1, ['4.2.12', '4.2.13']);
        const b = await ask('water again?', 11, ['4.2.12']); // 01:00 Bangkok time: still today
        await ask('yesterday evening', 13, ['4.2.3']); // 23:00 the day before in Bangkok
        await ask('mars colonies?', 30, [], true);
        await ask('last week', 24 * 6, ['4.2.12']);
        await ask('too old for the week', 24 * 8, ['5.1']);
        await ask('football scores?', 2, [], true);
        await log.vote(a.ref, MEMBER, 'up');
        await log.vote(a.ref, ADMIN, 'up');
        await log.vote(b.ref, MEMBER, 'down');

        const stats = await log.stats({ now });
        expect(stats.today).toBe(3);
        expect(stats.last7Days).toBe(6);
        expect(stats.topSections).toEqual([
          { sectionId: '4.2.12', count: 3 },
          { sectionId: '4.2.13', count: 1 },
          { sectionId: '4.2.3', count: 1 },
        ]);
        expect(stats.recentUnanswered.map((q) => q.question)).toEqual(['football scores?', 'mars colonies?']);
        expect(stats.feedback).toEqual({ up: 2, down: 1, ratio: 2 / 3 });
      } finally {
        await db.close();
      }
    });

    it('totals the model tokens of the last 7 days, and says nothing of them when no model answered', async () => {
      const db = await backend.open();
      try {
        const log = await QuestionLog.open(db, { retentionDays: 90, timeZone: 'UTC' });
        const now = new Date('2030-03-10T05:00:00Z');
        const ago = (days: number) => new Date(now.getTime() - days * DAY);
        await log.record({ actor: MEMBER, question: 'offline', citedSections: ['4.2.12'], abstained: false, latencyMs: 5, at: ago(1) });
        expect((await log.stats({ now })).llmTokens).toBeUndefined();
        expect(renderStats(await log.stats({ now }), 'en', fx.kb, 'UTC')).not.toMatch(/tokens/);

        const usage = (p: number, c: number) => ({ model: 'test-model', promptTokens: p, completionTokens: c });
        await log.record({ actor: MEMBER, question: 'worded', citedSections: ['4.2.12'], abstained: false, latencyMs: 900, at: ago(1), usage: usage(1200, 150) });
        await log.record({ actor: ADMIN, question: 'worded too', citedSections: ['4.2.3'], abstained: false, latencyMs: 800, at: ago(3), usage: usage(800, 50) });
        await log.record({ actor: ADMIN, question: 'too old', citedSections: ['4.2.3'], abstained: false, latencyMs: 800, at: ago(9), usage: usage(5000, 500) });
        const stats = await log.stats({ now });
        expect(stats.llmTokens).toEqual({ prompt: 2000, completion: 200, answers: 2 });
        expect(renderStats(stats, 'en', fx.kb, 'UTC')).toContain('Model usage (last 7 days, 2 answers): 2000 prompt + 200 completion = 2200 tokens');
      } finally {
        await db.close();
      }
    });
  });

  describe('desk: what the bots call', () => {
    let desk: Desk;
    beforeAll(async () => {
      const settings = { ...loadSettings({ LOG_RETENTION_DAYS: '30' }, fx.dir), ...(await backend.settings()) };
      desk = await openDesk(settings, { knowledge: fx.holder, permissions, log: silentLog }, { timeZone: 'UTC' });
    });
    afterAll(async () => {
      await desk.close();
    });

    it('/about health: database ok, items tracked, last status change', async () => {
      expect(await desk.healthLines('en')).toEqual(['Database: ok', 'Items tracked: 0', 'Last status change: none yet']);
      await desk.status.setStatus('4.2.12 in_progress', SLACK_ADMIN);
      const lines = await desk.healthLines('zh-Hant');
      expect(lines[0]).toBe('資料庫:正常');
      expect(lines[1]).toBe('追蹤中的項目:1');
      expect(lines[2]).toMatch(/^最近狀態變更:§4\.2\.12 水資源合作 → 進行中\(\d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)\)$/);
    });

    it('a feedback button press replaces the earlier vote and acknowledges it', async () => {
      const answer = await fx.assistant.ask('What does the plan say about tourism?');
      const logged = await desk.logAnswer(MEMBER, answer);
      const up = feedbackPayload(logged!.ref, 'up');
      expect(Buffer.byteLength(up)).toBeLessThanOrEqual(64);
      expect(parseFeedbackPayload(up)).toEqual({ ref: logged!.ref, vote: 'up' });
      expect((await desk.feedback(up, MEMBER, 'en')).text).toBe('Thanks for your feedback!');
      expect((await desk.feedback(feedbackPayload(logged!.ref, 'down'), MEMBER, 'en')).text).toBe('Your feedback was updated.');
      expect((await desk.feedback('fb:up:gone', MEMBER, 'en')).result).toEqual({ outcome: 'unknown' });
      expect((await desk.feedback('garbage', MEMBER, 'en')).result).toEqual({ outcome: 'unknown' });
      const stats = await desk.questions.stats();
      expect(stats.feedback).toMatchObject({ up: 0, down: 1 });
    });

    it('/stats is for admins; the text names cited sections by number and title', async () => {
      const refused = await desk.stats(MEMBER, 'en');
      expect(refused.kind).toBe('refused');
      const reply = await desk.stats(ADMIN, 'en');
      expect(reply.kind).toBe('stats');
      expect(reply.text).toContain('Questions today: 1; last 7 days: 1');
      expect(reply.text).toMatch(/Most-cited sections \(last 7 days\):\n {2}§4\.3\.2 旅遊 × 1/);
      expect(reply.text).toContain('Feedback: 👍 0 / 👎 1 (0% positive)');
      expect(reply.text).toContain('Questions are kept for 30 days.');
    });

    it('a natural status question is answered with a card and logged like any other question', async () => {
      const question = 'How far along is 4.2.12?';
      const reply = await desk.status.answerQuestion(question);
      expect(reply?.text).toContain('Status: in progress');
      const logged = await desk.logStatusAnswer(SLACK_ADMIN, question, reply!, 3);
      expect(logged?.ref).toBeDefined();
      expect((await desk.questions.stats()).topSections).toContainEqual({ sectionId: '4.2.12', count: 1 });
    });

    it('ask(): a progress question gets the status card, any other the Assistant answer; both are logged with a ref', async () => {
      const before = await desk.questions.count();
      const status = await desk.ask(fx.assistant, MEMBER, '4.2.12进展怎么样?');
      expect(status.type).toBe('status');
      expect(status.type === 'status' && status.reply.text).toContain('状态: 进行中');
      const answer = await desk.ask(fx.assistant, MEMBER, '瀾湄合作如何加強水資源合作?');
      expect(answer.type).toBe('answer');
      expect(answer.type === 'answer' && answer.answer.citations.map((c) => c.sectionId)).toContain('4.2.12');
      // The log rows are written in the background (the reply does not wait for them).
      await expect.poll(() => desk.questions.count()).toBe(before + 2);
      expect((await desk.feedback(feedbackPayload(answer.ref!, 'up'), MEMBER, 'zh-Hant')).text).toBe('謝謝您的回饋!');
    });

    it('health reports a closed database as not ok instead of throwing', async () => {
      const settings = { ...loadSettings({}, fx.dir), ...(await backend.settings()) };
      const other = await openDesk(settings, { knowledge: fx.holder, permissions, log: silentLog });
      await other.db.close();
      const health = await other.health();
      expect(health.databaseOk).toBe(false);
      expect((await other.healthLines('en'))[0]).toMatch(/^Database: not available \(.*closed.*\)$/);
      await other.close();
    });
  });
});
