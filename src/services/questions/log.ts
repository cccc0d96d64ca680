import { createHmac, randomBytes } from 'node:crypto';
import type { Answer } from '../../engine/answer/types.js';
import type { Actor } from '../access/actor.js';
import type { Logger } from 'pino';
import type { SqlDatabase } from '../storage/sql-database.js';
import { settingOrCreate } from '../storage/open.js';
import { startOfDay, localTimeZone } from '../status/time.js';

export type Vote = 'up' | 'down';

/** What a front end reports about one answered question. */
export interface QuestionEntry {
  actor: Actor;
  question: string;
  /** Cited section ids, in rank order. */
  citedSections: readonly string[];
  abstained: boolean;
  latencyMs: number;
  language?: string;
  /** 'answer', 'section', 'abstain', 'status', … */
  kind?: string;
  indexVersion?: string;
  at?: Date;
  /** The ref the feedback buttons carry, when the caller made it beforehand (newQuestionRef) to reply before the row is written. */
  ref?: string;
  /** Tokens a model spent on this answer, when one worded it. */
  usage?: { model: string; promptTokens: number; completionTokens: number };
}

/** A new random ref for a logged question (12 URL-safe characters). */
export function newQuestionRef(): string {
  return randomBytes(9).toString('base64url');
}

/** A logged question; `ref` goes into the feedback buttons (short enough for Telegram's 64-byte callback data). */
export interface LoggedQuestion {
  id: number;
  ref: string;
}

export type VoteResult =
  | { outcome: 'recorded'; vote: Vote }
  | { outcome: 'changed'; vote: Vote; previous: Vote }
  | { outcome: 'same'; vote: Vote }
  /** The question is not in the log (pruned, or the ref is forged). */
  | { outcome: 'unknown' };

export interface QuestionStats {
  today: number;
  last7Days: number;
  /** Sections most cited in the last 7 days. */
  topSections: { sectionId: string; count: number }[];
  /** Latest questions the plan did not cover, newest first. */
  recentUnanswered: { askedAt: string; platform: string; question: string }[];
  /** Over every question still in the log. */
  feedback: { up: number; down: number; ratio?: number };
  /** Model tokens over the last 7 days (absent when no answer in that time was worded by a model). */
  llmTokens?: { prompt: number; completion: number; answers: number };
  retentionDays: number;
}

export interface QuestionLogOptions {
  /** Salt for user-id hashes; when undefined one is generated once and kept in the database. */
  salt?: string;
  /** Rows older than this are deleted (0: never). */
  retentionDays: number;
  /** Zone "today" is counted in; default the process's (TZ). */
  timeZone?: string;
  log?: Logger;
}

const SALT_KEY = 'question_log_salt';
const MAX_QUESTION_CHARS = 4000;
const DAY_MS = 86_400_000;

/**
 * The log of answered questions, their feedback votes and the statistics drawn from
 * them. User ids are stored only as salted HMACs: enough to count a second vote by the
 * same person as a replacement, not enough to tell who asked.
 */
export class QuestionLog {
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly db: SqlDatabase,
    private readonly salt: string,
    readonly retentionDays: number,
    readonly timeZone: string,
    private readonly log?: Logger,
  ) {}

  static async open(db: SqlDatabase, options: QuestionLogOptions): Promise<QuestionLog> {
    const salt = options.salt ?? (await settingOrCreate(db, SALT_KEY, () => randomBytes(32).toString('hex')));
    return new QuestionLog(db, salt, options.retentionDays, options.timeZone ?? localTimeZone(), options.log);
  }

  /** The stored form of a user id: HMAC-SHA256(salt, platform:userId). */
  hashUser(actor: Pick<Actor, 'platform' | 'userId'>): string {
    return createHmac('sha256', this.salt).update(`${actor.platform}:${actor.userId}`).digest('hex');
  }

  async record(entry: QuestionEntry): Promise<LoggedQuestion> {
    const ref = entry.ref ?? newQuestionRef();
    const at = (entry.at ?? new Date()).toISOString();
    return this.db.transaction(async (tx) => {
      const inserted = await tx.get<{ id: number }>(
        `INSERT INTO question_log (ref, asked_at, platform, user_hash, question, language, kind, abstained, latency_ms, index_version, llm_model, prompt_tokens, completion_tokens)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          ref,
          at,
          entry.actor.platform,
          this.hashUser(entry.actor),
          entry.question.slice(0, MAX_QUESTION_CHARS),
          entry.language ?? '',
          entry.kind ?? '',
          entry.abstained ? 1 : 0,
          Math.max(0, Math.round(entry.latencyMs)),
          entry.indexVersion ?? '',
          entry.usage?.model ?? null,
          entry.usage?.promptTokens ?? 0,
          entry.usage?.completionTokens ?? 0,
        ],
      );
      if (!inserted) throw new Error('the database returned no id for a new question row');
      const lastId = inserted.id;
      let rank = 0;
      for (const sectionId of new Set(entry.citedSections)) {
        await tx.run('INSERT INTO question_citations (question_id, rank, section_id) VALUES (?, ?, ?)', [lastId, rank++, sectionId]);
      }
      return { id: lastId, ref };
    });
  }

  /** Logs an Assistant answer: its question, citations, abstention and (unless given) its own timing. */
  recordAnswer(actor: Actor, answer: Answer, latencyMs = answer.timings.totalMs, ref?: string): Promise<LoggedQuestion> {
    return this.record({
      ...(ref ? { ref } : {}),
      actor,
      question: answer.question,
      citedSections: answer.citations.map((c) => c.sectionId),
      abstained: answer.abstained,
      latencyMs,
      language: answer.language,
      kind: answer.kind,
      indexVersion: answer.indexVersion,
      ...(answer.usage ? { usage: { model: answer.usage.model, promptTokens: answer.usage.promptTokens, completionTokens: answer.usage.completionTokens } } : {}),
    });
  }

  /** 👍/👎 on a logged answer; the same user voting again replaces their earlier vote. */
  async vote(ref: string, actor: Actor, vote: Vote, at = new Date()): Promise<VoteResult> {
    const userHash = this.hashUser(actor);
    const value = vote === 'up' ? 1 : -1;
    return this.db.transaction(async (tx) => {
      const question = await tx.get<{ id: number }>('SELECT id FROM question_log WHERE ref = ?', [ref]);
      if (!question) return { outcome: 'unknown' } as const;
      const before = await tx.get<{ vote: number }>('SELECT vote FROM feedback WHERE question_id = ? AND user_hash = ?', [question.id, userHash]);
      await tx.run(
        `INSERT INTO feedback (question_id, user_hash, vote, voted_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (question_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
        [question.id, userHash, value, at.toISOString()],
      );
      if (!before) return { outcome: 'recorded', vote } as const;
      const previous: Vote = before.vote > 0 ? 'up' : 'down';
      return previous === vote ? ({ outcome: 'same', vote } as const) : ({ outcome: 'changed', vote, previous } as const);
    });
  }

  /** Deletes questions (with their citations and votes) older than the retention period. */
  async prune(now = new Date()): Promise<number> {
    if (this.retentionDays <= 0) return 0;
    const cutoff = new Date(now.getTime() - this.retentionDays * DAY_MS).toISOString();
    const { changes } = await this.db.run('DELETE FROM question_log WHERE asked_at < ?', [cutoff]);
    if (changes > 0) this.log?.info({ deleted: changes, retentionDays: this.retentionDays }, 'pruned old questions from the log');
    return changes;
  }

  /** Prunes now and then once a day until stopped (the timer never keeps the process alive). */
  startRetention(intervalMs = DAY_MS): () => void {
    this.stopRetention();
    const run = () => void this.prune().catch((err: unknown) => this.log?.error({ err }, 'pruning the question log failed'));
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
    return () => this.stopRetention();
  }

  stopRetention(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async stats(options: { now?: Date; topSections?: number; unanswered?: number } = {}): Promise<QuestionStats> {
    const now = options.now ?? new Date();
    const today = startOfDay(now, this.timeZone).toISOString();
    const weekAgo = new Date(now.getTime() - 7 * DAY_MS).toISOString();
    const counts = await this.db.get<{ today: number | null; week: number | null }>(
      'SELECT SUM(CASE WHEN asked_at >= ? THEN 1 ELSE 0 END) AS today, SUM(CASE WHEN asked_at >= ? THEN 1 ELSE 0 END) AS week FROM question_log WHERE asked_at <= ?',
      [today, weekAgo, now.toISOString()],
    );
    const top = await this.db.all<{ section_id: string; n: number }>(
      `SELECT c.section_id, COUNT(*) AS n FROM question_citations c JOIN question_log q ON q.id = c.question_id
       WHERE q.asked_at >= ? AND q.asked_at <= ? GROUP BY c.section_id ORDER BY n DESC, c.section_id LIMIT ?`,
      [weekAgo, now.toISOString(), options.topSections ?? 5],
    );
    const unanswered = await this.db.all<{ asked_at: string; platform: string; question: string }>(
      'SELECT asked_at, platform, question FROM question_log WHERE abstained = 1 ORDER BY asked_at DESC, id DESC LIMIT ?',
      [options.unanswered ?? 5],
    );
    const votes = await this.db.get<{ up: number | null; down: number | null }>('SELECT SUM(CASE WHEN vote = 1 THEN 1 ELSE 0 END) AS up, SUM(CASE WHEN vote = -1 THEN 1 ELSE 0 END) AS down FROM feedback');
    const up = votes?.up ?? 0;
    const down = votes?.down ?? 0;
    const tokens = await this.db.get<{ prompt: number | null; completion: number | null; answers: number }>(
      'SELECT SUM(prompt_tokens) AS prompt, SUM(completion_tokens) AS completion, COUNT(*) AS answers FROM question_log WHERE llm_model IS NOT NULL AND asked_at >= ? AND asked_at <= ?',
      [weekAgo, now.toISOString()],
    );
    return {
      today: counts?.today ?? 0,
      last7Days: counts?.week ?? 0,
      topSections: top.map((t) => ({ sectionId: t.section_id, count: t.n })),
      recentUnanswered: unanswered.map((u) => ({ askedAt: u.asked_at, platform: u.platform, question: u.question })),
      feedback: { up, down, ...(up + down > 0 ? { ratio: up / (up + down) } : {}) },
      ...(tokens && tokens.answers > 0 ? { llmTokens: { prompt: tokens.prompt ?? 0, completion: tokens.completion ?? 0, answers: tokens.answers } } : {}),
      retentionDays: this.retentionDays,
    };
  }

  /** The latest distinct questions the plan did not cover (abstained), newest first: what a taught synonym may now answer. */
  async unansweredQuestions(limit: number): Promise<string[]> {
    const rows = await this.db.all<{ question: string }>(
      'SELECT question FROM question_log WHERE abstained = 1 GROUP BY question ORDER BY MAX(asked_at) DESC, MAX(id) DESC LIMIT ?',
      [limit],
    );
    return rows.map((r) => r.question);
  }

  /** Rows in the log (for tests and /about). */
  async count(): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM question_log'))?.n ?? 0;
  }
}
