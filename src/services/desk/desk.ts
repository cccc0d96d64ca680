import type { KnowledgeSource } from '../../engine/index/knowledge-source.js';
import type { Assistant, AskOptions } from '../../engine/answer/assistant.js';
import type { Answer, ConversationContext } from '../../engine/answer/types.js';
import type { Actor } from '../access/actor.js';
import type { Permissions } from '../access/permissions.js';
import type { Logger } from 'pino';
import type { KnowledgeBase } from '../../engine/index/knowledge-base.js';
import { feedbackAck, parseFeedbackPayload } from '../questions/feedback.js';
import { newQuestionRef, QuestionLog, type LoggedQuestion, type QuestionStats, type Vote, type VoteResult } from '../questions/log.js';
import { renderStats } from '../questions/stats-view.js';
import { StorageError } from '../storage/errors.js';
import { probeDatabase, type DatabaseUnavailable } from '../storage/health.js';
import { retryWhileBusy } from '../storage/retry.js';
import { openStorage, type StorageSettings } from '../storage/connect.js';
import { pruneInboundEvents } from '../storage/inbound-events.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import type { Metrics } from '../ops/metrics.js';
import { statusLabel, type StatusChange } from '../status/model.js';
import { StatusService, type StatusReply } from '../status/service.js';
import { st } from '../status/strings.js';
import { formatTime } from '../status/time.js';
import type { Lang } from '../../engine/text/language.js';
import { sectionLabel } from '../../engine/answer/strings.js';
import { replyLang, type ReplyLang } from '../../engine/text/i18n.js';
import { wellFormed } from '../../engine/text/well-formed.js';
import { takeIn, type QuestionIntake } from './intake.js';

/** Database health and status figures for /about. */
export interface DeskHealth {
  databaseOk: boolean;
  /** Set in degraded mode: the database could not be opened at start-up. */
  unavailable?: DatabaseUnavailable;
  /** Why the database is not ok (no secrets: a file path or a password-less URL, and the engine's message). */
  error?: string;
  itemsTracked: number;
  lastChange?: StatusChange;
  questionsLogged: number;
}

/** A question answered through Desk.ask: a status card or an Assistant answer, and the log ref for 👍/👎. */
export type DeskAnswer = { ref?: string; intake: QuestionIntake } & ({ type: 'status'; reply: StatusReply } | { type: 'answer'; answer: Answer });

export type StatsReply = { lang: ReplyLang; text: string } & ({ kind: 'stats'; stats: QuestionStats } | { kind: 'refused' } | { kind: 'error' });

export interface DeskDeps {
  /** The index in service; with an IndexHolder, records are re-checked after every swap. */
  knowledge: KnowledgeSource & { onSwap?(listener: (kb: KnowledgeBase) => void): void };
  permissions: Permissions;
  log: Logger;
  /** Where every question is counted and timed (GET /metrics); none in one-shot CLI commands. */
  metrics?: Metrics;
  /** False: questions are answered but not written to the question log (CLI_LOG_QUESTIONS=false for `planbot ask`). */
  logQuestions?: boolean;
}

/**
 * The desk: the one front door for a question from any front end (status card or
 * Assistant answer, logged), and everything else the bots and the CLI need beyond the
 * Assistant: status tracking, the question log with feedback, /stats and the health
 * lines of /about, over one database.
 */
export class Desk {
  private isClosed = false;
  /** Log rows still being written in the background (see ask). */
  private readonly pendingLogs = new Set<Promise<unknown>>();
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly db: SqlDatabase,
    readonly status: StatusService,
    readonly questions: QuestionLog,
    private readonly deps: DeskDeps,
    /** Degraded mode (src/app/degraded.ts): `db` is a throw-away in-memory stand-in; nothing is logged. */
    readonly unavailable?: DatabaseUnavailable,
  ) {}

  /**
   * The whole question path for a front end: a progress question ("4.2.12 進展如何?") gets
   * the status card, anything else goes to the Assistant; either way the question is
   * logged and the ref for the feedback buttons returned. `options.onText` streams an
   * LLM-worded answer as it is written (status cards are never streamed).
   *
   * The answer does not wait for its log row: the row is written in the background (the
   * database queue is first in, first out, so a vote or a read that comes later sees it).
   * Under load every statement waits for a turn of the event loop, and a reply that waited
   * for the log was three times slower in the Telegram bench. On PostgreSQL statements run
   * in parallel on a pool, so a vote or /stats from this process first waits for the rows
   * still being written (logWritten).
   */
  async ask(assistant: Assistant, actor: Actor, rawQuestion: string, context?: ConversationContext, options: AskOptions = {}): Promise<DeskAnswer> {
    const started = performance.now();
    const question = wellFormed(rawQuestion);
    const metrics = this.deps.metrics;
    try {
      const { intake, reply } = await this.takeIn(assistant, question);
      const ref = this.isClosed || this.unavailable || !this.logsQuestions ? undefined : newQuestionRef();
      const withRef = ref ? { ref } : {};
      if (reply) {
        const ms = performance.now() - started;
        metrics?.question(actor.platform, reply.lang, 'status', ms / 1000);
        if (ref) this.inBackground(this.logStatusAnswer(actor, question, reply, ms, ref));
        return { type: 'status', reply, intake, ...withRef };
      }
      const answer = await assistant.ask(question, context, { ...options, reading: intake.reading });
      const ms = performance.now() - started;
      metrics?.answered(actor.platform, answer, ms / 1000);
      if (ref) this.inBackground(this.logAnswer(actor, answer, ms, ref));
      return { type: 'answer', answer, intake, ...withRef };
    } catch (err) {
      metrics?.question(actor.platform, 'unknown', 'error', (performance.now() - started) / 1000);
      throw err;
    }
  }

  private get logsQuestions(): boolean {
    return this.deps.logQuestions ?? true;
  }

  /**
   * The same answer again for a question already logged under `ref` (Slack's public copy
   * of a /plan answer): not logged or counted a second time; 👍/👎 count for the original.
   */
  async repeat(assistant: Assistant, rawQuestion: string, ref: string): Promise<DeskAnswer> {
    const question = wellFormed(rawQuestion);
    const { intake, reply } = await this.takeIn(assistant, question);
    if (reply) return { type: 'status', reply, intake, ref };
    return { type: 'answer', answer: await assistant.ask(question, undefined, { reading: intake.reading }), intake, ref };
  }

  /** Reads the question once; a progress question gets its status cards here. */
  private async takeIn(assistant: Assistant, question: string): Promise<{ intake: QuestionIntake; reply?: StatusReply }> {
    const intake = takeIn(assistant, question);
    if (!intake.statusSections) return { intake };
    return { intake, reply: await this.status.statusCards(intake.statusSections, intake.reading.language.lang) };
  }

  /** The Prometheus metrics questions are counted in, when this process serves them. */
  get metrics(): Metrics | undefined {
    return this.deps.metrics;
  }

  /** For GET /healthz: a real read from the database (its migration table), without the /about figures. */
  async databaseReachable(): Promise<{ ok: true } | { ok: false; error: string }> {
    try {
      await this.db.get('SELECT MAX(version) AS version FROM schema_version');
      return { ok: true };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Resolves when every log row ask() started writing has been written (or has failed, which is logged). */
  async logWritten(): Promise<void> {
    await Promise.all([...this.pendingLogs]);
  }

  private inBackground(write: Promise<unknown>): void {
    this.pendingLogs.add(write);
    void write.finally(() => this.pendingLogs.delete(write));
  }

  /** Logs an Assistant answer; put the returned `ref` in the 👍/👎 buttons (see feedbackPayload). */
  async logAnswer(actor: Actor, answer: Answer, latencyMs?: number, ref?: string): Promise<LoggedQuestion | undefined> {
    try {
      // A lock held by another process (past the busy timeout) is waited out: a log row is not dropped for it.
      return await retryWhileBusy(() => this.questions.recordAnswer(actor, answer, latencyMs, ref));
    } catch (err) {
      // Losing a log row must never cost the user their answer.
      this.deps.log.error({ err }, 'could not log a question');
      return undefined;
    }
  }

  /** Logs a question answered with status cards (natural status questions). */
  async logStatusAnswer(actor: Actor, question: string, reply: StatusReply, latencyMs: number, ref?: string): Promise<LoggedQuestion | undefined> {
    const cited = reply.kind === 'cards' ? reply.cards.map((c) => c.sectionId) : [];
    try {
      return await retryWhileBusy(() => this.questions.record({ actor, question, citedSections: cited, abstained: false, latencyMs, language: reply.lang, kind: 'status', ...(ref ? { ref } : {}) }));
    } catch (err) {
      this.deps.log.error({ err }, 'could not log a question');
      return undefined;
    }
  }

  /** A 👍/👎 button press: the payload from feedbackPayload(), the acknowledgement to show. */
  async feedback(payload: string, actor: Actor, lang?: Lang): Promise<{ result: VoteResult; text: string }> {
    const l = replyLang(lang);
    const parsed = parseFeedbackPayload(payload);
    const result: VoteResult = parsed ? await this.vote(parsed.ref, actor, parsed.vote) : { outcome: 'unknown' };
    return { result, text: feedbackAck(result, l) };
  }

  async vote(ref: string, actor: Actor, vote: Vote): Promise<VoteResult> {
    try {
      await this.logWritten();
      return await retryWhileBusy(() => this.questions.vote(ref, actor, vote), { maxMs: 10_000 });
    } catch (err) {
      this.deps.log.error({ err }, 'could not store feedback');
      return { outcome: 'unknown' };
    }
  }

  /** /stats (admins only). */
  async stats(actor: Actor, lang?: Lang): Promise<StatsReply> {
    const l = replyLang(lang);
    if (!this.deps.permissions.isAdmin(actor)) return { kind: 'refused', lang: l, text: st('adminOnly', l) };
    if (this.unavailable) return { kind: 'error', lang: l, text: st('dbUnavailable', l, { ...this.unavailable }) };
    try {
      await this.logWritten();
      const stats = await this.questions.stats();
      return { kind: 'stats', stats, lang: l, text: renderStats(stats, l, this.deps.knowledge.current(), this.questions.timeZone) };
    } catch (err) {
      this.deps.log.error({ err }, 'could not compute question statistics');
      return { kind: 'error', lang: l, text: st('storageFailed', l) };
    }
  }

  async health(): Promise<DeskHealth> {
    if (this.unavailable) return { databaseOk: false, unavailable: this.unavailable, error: this.unavailable.reason, itemsTracked: 0, questionsLogged: 0 };
    try {
      // "ok" only after a real write and read, not merely an open connection.
      await probeDatabase(this.db);
      const summary = await this.status.store.summary();
      return { databaseOk: true, itemsTracked: summary.tracked, ...(summary.lastChange ? { lastChange: summary.lastChange } : {}), questionsLogged: await this.questions.count() };
    } catch (err) {
      return { databaseOk: false, error: err instanceof Error ? err.message : String(err), itemsTracked: 0, questionsLogged: 0 };
    }
  }

  /** The lines /about adds: database ok, items tracked, last status change. */
  async healthLines(lang?: Lang): Promise<string[]> {
    return renderHealth(await this.health(), replyLang(lang), this.deps.knowledge.current(), this.status.timeZone);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Deletes expired inbound-event claims now and every hour (the table gains a row per message). */
  startEventPruning(intervalMs = 3_600_000): void {
    const run = () => void pruneInboundEvents(this.db).catch((err: unknown) => this.deps.log.warn({ err }, 'could not prune inbound events'));
    run();
    this.pruneTimer = setInterval(run, intervalMs);
    this.pruneTimer.unref();
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.questions.stopRetention();
    // A one-shot command (planbot ask) closes right after answering: its log row is still being written.
    await this.logWritten();
    await this.db.close();
  }
}

function renderHealth(h: DeskHealth, lang: ReplyLang, kb: KnowledgeBase | undefined, timeZone: string): string[] {
  if (h.unavailable) return [st('dbDegraded', lang, { ...h.unavailable })];
  if (!h.databaseOk) return [st('dbFailed', lang, { error: h.error ?? '?' })];
  const lines = [st('dbOk', lang), st('itemsTracked', lang, { n: h.itemsTracked })];
  const c = h.lastChange;
  if (!c) lines.push(st('noChangeYet', lang));
  else {
    const title = kb?.section(c.sectionId)?.title;
    const section = title !== undefined ? sectionLabel(c.sectionId, title, lang) : `§${c.sectionId}`;
    lines.push(st('lastChange', lang, { section, status: statusLabel(c.status, lang), when: formatTime(c.updatedAt, timeZone) }));
  }
  return lines;
}

/** The settings tracking opens with (validated by src/app/settings.ts). */
export interface DeskSettings extends StorageSettings {
  LOG_RETENTION_DAYS: number;
  QUESTION_LOG_SALT?: string | undefined;
}

/**
 * Opens the database (DATABASE_URL's PostgreSQL, else DATA_DIR/planbot.sqlite; migrating it), flags records of sections missing from
 * the index (again after every re-index), and starts the daily pruning of the question
 * log. A database that cannot be opened or migrated throws a StorageError naming the
 * file and the problem: start-up should stop there.
 */
export interface OpenDeskOptions {
  /** False for one-shot commands: prune the question log once now instead of daily. */
  startRetention?: boolean;
  timeZone?: string;
}

export async function openDesk(settings: DeskSettings, deps: DeskDeps, options: OpenDeskOptions = {}): Promise<Desk> {
  const db = await openStorage(settings);
  try {
    const status = new StatusService({ db, knowledge: deps.knowledge, permissions: deps.permissions, log: deps.log, ...(options.timeZone ? { timeZone: options.timeZone } : {}) });
    const questions = await QuestionLog.open(db, {
      retentionDays: settings.LOG_RETENTION_DAYS,
      ...(settings.QUESTION_LOG_SALT ? { salt: settings.QUESTION_LOG_SALT } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      log: deps.log,
    });
    const sync = (kb: KnowledgeBase) =>
      status.syncSections(kb).then(
        ({ flagged, restored }) => {
          if (flagged.length > 0) deps.log.warn({ flagged }, 'status records kept for sections no longer in the plan');
          if (restored.length > 0) deps.log.info({ restored }, 'sections with status records are back in the plan');
        },
        (err: unknown) => deps.log.error({ err }, 'could not check status records against the index'),
      );
    // A file SQLite can only read (read-only folder, immutable file) opens fine: find out now, not at the first write.
    await probeDatabase(db).catch((err: unknown) => {
      throw new StorageError(`The database ${db.location} cannot be written: ${err instanceof Error ? err.message : String(err)}.`, db.location, (err as { code?: string }).code);
    });
    await sync(deps.knowledge.current());
    if (options.startRetention ?? true) questions.startRetention();
    else await questions.prune();
    const desk = new Desk(db, status, questions, deps);
    if (options.startRetention ?? true) desk.startEventPruning();
    deps.knowledge.onSwap?.((kb) => {
      if (!desk.closed) void sync(kb);
    });
    return desk;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
