import type { KnowledgeSource } from '../../engine/index/knowledge-source.js';
import { sectionLabel } from '../../engine/answer/strings.js';
import { replyLang, type ReplyLang } from '../../engine/text/i18n.js';
import type { Actor } from '../access/actor.js';
import type { Permissions } from '../access/permissions.js';
import type { Logger } from 'pino';
import type { KnowledgeBase } from '../../engine/index/knowledge-base.js';
import { findSectionReferences } from '../../engine/retrieval/section-ref.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import { detectLanguage, type Lang } from '../../engine/text/language.js';
import { toHalfWidth } from '../../engine/text/normalize.js';
import { FIELD_NAMES, parseSetStatusArgs, parseSetStatusTokens, type ArgProblem, type Parsed, type SetStatusArgs } from './args.js';
import { statusQuestionSections } from './intent.js';
import { parseStatus, validStatusList, type ItemStatus, type StatusChange, type StatusRecord, type UpdatedBy } from './model.js';
import { renderCard, renderHistory, renderList, renderOverview } from './render.js';
import { isUnchanged, StatusStore, StatusUpdateError } from './store.js';
import { st } from './strings.js';
import { localTimeZone } from './time.js';
import { exportStatusCsv, planStatusImport, type CsvRowError } from './transfer.js';
import { buildOverview, countStatuses, itemsUnder, type StatusCard, type StatusOverview } from './views.js';
import { wellFormed } from '../../engine/text/well-formed.js';
import type { DatabaseUnavailable } from '../storage/health.js';

/** Why a status command did nothing; `text` in the reply says it in the asker's language. */
export type StatusProblem = ArgProblem | { code: 'unknownSection'; input: string } | { code: 'needsStatus'; sectionId: string } | { code: 'storage' };

/**
 * What a status command or question produced: the data, and a plain-text rendering in
 * `lang` that a front end may send as is (or format the data its own way).
 */
export type StatusReply = { lang: ReplyLang; text: string } & (
  | { kind: 'cards'; cards: StatusCard[] }
  | { kind: 'overview'; overview: StatusOverview }
  | { kind: 'list'; status: ItemStatus; cards: StatusCard[]; total: number }
  | { kind: 'updated'; card: StatusCard; previous?: StatusRecord }
  | { kind: 'history'; card: StatusCard; changes: StatusChange[] }
  | { kind: 'refused' }
  | { kind: 'error'; problem: StatusProblem }
);

export type ImportResult =
  | { ok: true; applied: string[]; unchanged: string[] }
  | { ok: false; errors: CsvRowError[] }
  | { ok: false; refused: true };

export interface StatusServiceOptions {
  db: SqlDatabase;
  /** The index in service (an IndexHolder): section ids and titles come from it. */
  knowledge: KnowledgeSource;
  permissions: Permissions;
  /** Zone times are shown in; default the process's (TZ). */
  timeZone?: string;
  /** Longest list /status <status> prints in full. */
  listLimit?: number;
  log?: Logger;
  /**
   * Set when the database could not be opened (degraded mode): every status reply is
   * this note instead, and nothing is read or written. See src/app/degraded.ts.
   */
  unavailable?: DatabaseUnavailable;
}

/**
 * Status tracking for every front end: /status, /setstatus, natural status questions,
 * history and CSV transfer. Takes platform-neutral input (argument text, an Actor, a
 * language) and returns StatusReply values; it never talks to a chat platform.
 */
export class StatusService {
  readonly store: StatusStore;
  readonly timeZone: string;
  private readonly listLimit: number;

  constructor(private readonly options: StatusServiceOptions) {
    this.store = new StatusStore(options.db);
    this.timeZone = options.timeZone ?? localTimeZone();
    this.listLimit = options.listLimit ?? 40;
  }

  /** The index version in service. */
  get kb(): KnowledgeBase {
    return this.options.knowledge.current();
  }

  /** `/status` (overview), `/status 4.2.12` (card), `/status in_progress` (list). */
  async status(args: string, lang?: Lang): Promise<StatusReply> {
    const l = replyLang(lang);
    const input = args.trim();
    return this.guard(l, async () => {
      if (!input) return this.overview(l);
      const status = parseStatus(input);
      if (status) return this.list(status, l);
      const reply = await this.show(input, l);
      return reply.kind === 'error' && reply.problem.code === 'unknownSection' ? { ...reply, text: `${reply.text}\n${st('orStatus', l, { valid: validStatusList(l) })}` } : reply;
    });
  }

  /** The status card of one section ("4.2.12", "§4.2.12", "第五部分"). */
  async show(sectionInput: string, lang?: Lang): Promise<StatusReply> {
    const l = replyLang(lang);
    return this.guard(l, async () => {
      const sectionId = await this.resolveForLookup(sectionInput);
      if (!sectionId) return this.problem(l, { code: 'unknownSection', input: sectionInput.trim() });
      const card = await this.card(sectionId, l);
      return { kind: 'cards', cards: [card], lang: l, text: renderCard(card, l, this.timeZone) };
    });
  }

  /**
   * A natural question about progress ("4.2.12 進展如何?", "how far along is 4.2.12?")
   * → status cards, in the question's language; undefined for any other question, which
   * the front end then passes to the Assistant.
   */
  async answerQuestion(question: string): Promise<StatusReply | undefined> {
    const kb = this.kb;
    const ids = statusQuestionSections(question, (id) => kb.section(id) !== undefined);
    return ids ? this.statusCards(ids, detectLanguage(question).lang) : undefined;
  }

  /** The status cards of a progress question already read (the desk's intake): at most three sections. */
  async statusCards(ids: readonly string[], lang: Lang): Promise<StatusReply> {
    const l = replyLang(lang);
    return this.guard(l, async () => {
      const cards: StatusCard[] = [];
      for (const id of ids.slice(0, 3)) cards.push(await this.card(id, l));
      return { kind: 'cards', cards, lang: l, text: cards.map((c) => renderCard(c, l, this.timeZone)).join('\n\n') };
    });
  }

  /**
   * `/setstatus 4.2.12 in_progress owner="水利部" due=2027-06-30 note="…"` by `actor`.
   * Admins only; anything invalid is refused with the valid values, and nothing is written.
   * `args` is the text after the command, or the words of a shell command line.
   */
  async setStatus(args: string | readonly string[], actor: Actor, lang?: Lang): Promise<StatusReply> {
    const l = replyLang(lang);
    if (!this.options.permissions.isAdmin(actor)) return { kind: 'refused', lang: l, text: st('adminOnly', l) };
    // Notes and owners are stored and shown back: half an emoji becomes U+FFFD here, whatever front end sent it.
    const parsed: Parsed<SetStatusArgs> = typeof args === 'string' ? parseSetStatusArgs(wellFormed(args)) : parseSetStatusTokens(args.map(wellFormed));
    const unchanged = `\n${st('nothingWritten', l)}`;
    if (!parsed.ok) return this.problem(l, parsed.problem, unchanged);
    const kb = this.kb;
    const sectionId = resolveSectionInput(kb, parsed.value.sectionInput);
    if (!sectionId) return this.problem(l, { code: 'unknownSection', input: parsed.value.sectionInput }, unchanged);
    if (this.options.unavailable !== undefined) return this.unavailableReply(l);
    const { sectionInput: _, ...fields } = parsed.value;
    return this.guard(l, async () => {
      try {
        const applied = await this.store.apply({ sectionId, ...fields }, { by: updatedBy(actor), titles: (id) => kb.section(id)?.title });
        this.options.log?.info({ sectionId, status: applied.record.status, platform: actor.platform }, 'status updated');
        const card = this.cardFrom(kb, sectionId, applied.record, applied.changes, l);
        return { kind: 'updated', card, ...(applied.previous ? { previous: applied.previous } : {}), lang: l, text: `${st('updatedOk', l, { section: card.label })}\n${renderCard(card, l, this.timeZone)}` };
      } catch (err) {
        if (err instanceof StatusUpdateError) return this.problem(l, { code: 'needsStatus', sectionId }, unchanged);
        throw err;
      }
    });
  }

  async overview(lang?: Lang): Promise<StatusReply> {
    const l = replyLang(lang);
    return this.guard(l, async () => {
      const overview = buildOverview(this.kb, await this.store.list(), l);
      return { kind: 'overview', overview, lang: l, text: renderOverview(overview, l) };
    });
  }

  async list(status: ItemStatus, lang?: Lang): Promise<StatusReply> {
    const l = replyLang(lang);
    return this.guard(l, async () => {
      const kb = this.kb;
      const records = await this.store.list(status);
      const cards = records.slice(0, this.listLimit).map((r) => this.cardFrom(kb, r.sectionId, r, 0, l));
      return { kind: 'list', status, cards, total: records.length, lang: l, text: renderList(status, cards, records.length, l) };
    });
  }

  async history(sectionInput: string, lang?: Lang, limit = 50): Promise<StatusReply> {
    const l = replyLang(lang);
    return this.guard(l, async () => {
      const sectionId = await this.resolveForLookup(sectionInput);
      if (!sectionId) return this.problem(l, { code: 'unknownSection', input: sectionInput });
      const card = await this.card(sectionId, l);
      const changes = await this.store.history(sectionId, limit);
      return { kind: 'history', card, changes, lang: l, text: renderHistory(card.label, changes, l, this.timeZone) };
    });
  }

  /** The status card of a section id (known to exist in the index or in the records). */
  async card(sectionId: string, lang?: Lang): Promise<StatusCard> {
    const l = replyLang(lang);
    const record = await this.store.get(sectionId);
    const changes = record ? await this.store.changeCount(sectionId) : 0;
    const card = this.cardFrom(this.kb, sectionId, record, changes, l);
    const section = this.kb.section(sectionId);
    if (section && section.children.length > 0) {
      const records = new Map((await this.store.list()).map((r) => [r.sectionId, r]));
      const items = itemsUnder(this.kb, sectionId, new Set(records.keys())).filter((id) => id !== sectionId);
      card.subItems = countStatuses(items, records);
    }
    return card;
  }

  /** Every record as CSV (see docs/status.md for the columns). */
  async exportCsv(): Promise<string> {
    const kb = this.kb;
    return exportStatusCsv(await this.store.list(), (id) => kb.section(id)?.title);
  }

  /**
   * Checks every row of a CSV, then applies all of them in one transaction, or none when
   * any row is wrong (the errors carry row numbers). Rows equal to the stored record are
   * skipped. Admins only.
   */
  async importCsv(text: string, actor: Actor, options: { dryRun?: boolean } = {}): Promise<ImportResult> {
    if (!this.options.permissions.isAdmin(actor)) return { ok: false, refused: true };
    const kb = this.kb;
    const existing = new Map((await this.store.list()).map((r) => [r.sectionId, r]));
    const plan = planStatusImport(wellFormed(text), (id) => kb.section(id) !== undefined || existing.has(id));
    if (!plan.ok) return plan;
    // A record whose section left the plan may be re-imported unchanged (a round trip), not edited.
    const errors = plan.updates
      .filter(({ update }) => !kb.section(update.sectionId) && !isUnchanged(update, existing.get(update.sectionId)))
      .map(({ row, update }) => ({ row, message: `section ${update.sectionId} is no longer in the plan; its record is kept but cannot be changed` }));
    if (errors.length > 0) return { ok: false, errors };
    if (options.dryRun) {
      const unchanged = plan.updates.filter(({ update }) => isUnchanged(update, existing.get(update.sectionId))).map(({ update }) => update.sectionId);
      return { ok: true, applied: plan.updates.map((u) => u.update.sectionId).filter((id) => !unchanged.includes(id)), unchanged };
    }
    const result = await this.store.applyAll(
      plan.updates.map((u) => u.update),
      { by: updatedBy(actor), source: 'import', titles: (id) => kb.section(id)?.title, skipUnchanged: true },
    );
    this.options.log?.info({ applied: result.applied.length, unchanged: result.unchanged.length, platform: actor.platform }, 'status CSV imported');
    return { ok: true, applied: result.applied.map((a) => a.record.sectionId), unchanged: result.unchanged };
  }

  /** Flags records whose sections are not in the index in service (call after a re-index). */
  syncSections(kb: KnowledgeBase = this.kb): Promise<{ flagged: string[]; restored: string[] }> {
    return this.store.flagMissingSections(kb.sections().map((s) => s.id));
  }

  private cardFrom(kb: KnowledgeBase, sectionId: string, record: StatusRecord | undefined, changes: number, lang: ReplyLang): StatusCard {
    const section = kb.section(sectionId);
    const title = section?.title ?? record?.sectionTitle ?? '';
    return {
      sectionId,
      label: sectionLabel(sectionId, title, lang),
      title,
      ...(record ? { record } : {}),
      earlierChanges: Math.max(0, changes - 1),
      missing: !section,
    };
  }

  /** A section in the index, or one that only has a record now (it left the plan). */
  private async resolveForLookup(input: string): Promise<string | undefined> {
    const id = resolveSectionInput(this.kb, input);
    if (id) return id;
    const direct = normalizeSectionInput(input);
    return (await this.store.get(direct)) ? direct : undefined;
  }

  private problem(lang: ReplyLang, problem: StatusProblem, extra = ''): StatusReply {
    return { kind: 'error', problem, lang, text: `${problemText(problem, lang, this.kb)}${extra}` };
  }

  private unavailableReply(lang: ReplyLang): StatusReply {
    return { kind: 'error', problem: { code: 'storage' }, lang, text: st('dbUnavailable', lang, { reason: this.options.unavailable?.reason ?? '', file: this.options.unavailable?.file ?? '' }) };
  }

  /** A database failure becomes a polite reply (and a log line), never an exception in a chat handler. */
  private async guard(lang: ReplyLang, work: () => Promise<StatusReply>): Promise<StatusReply> {
    if (this.options.unavailable !== undefined) return this.unavailableReply(lang);
    try {
      return await work();
    } catch (err) {
      this.options.log?.error({ err }, 'status database operation failed');
      return { kind: 'error', problem: { code: 'storage' }, lang, text: st('storageFailed', lang) };
    }
  }
}

function updatedBy(actor: Actor): UpdatedBy {
  return { platform: actor.platform, userId: actor.userId, displayName: actor.displayName ?? '' };
}

function normalizeSectionInput(input: string): string {
  return toHalfWidth(input).trim().replace(/^§\s*/, '').replace(/[.。]$/, '');
}

/** "4.2.12", "§4.2.12", "４．２．１２", "第五部分", "chapter 5" → a section id of the index in service. */
function resolveSectionInput(kb: KnowledgeBase, input: string): string | undefined {
  const direct = normalizeSectionInput(input);
  if (kb.section(direct)) return direct;
  const refs = findSectionReferences(input, (id) => kb.section(id) !== undefined);
  // "4.2.99 4.2.1" must not quietly become 4.2.1: no other section-like number may be present.
  return refs.length === 1 && !/\d+\.\d+/.test(direct.replace(refs[0]!, '')) ? refs[0] : undefined;
}

function chapterRange(kb: KnowledgeBase): string {
  const chapters = kb.sections().filter((s) => s.depth === 0 && s.id !== '0' && /^\d+$/.test(s.id)).map((s) => Number(s.id));
  return chapters.length > 0 ? `${Math.min(...chapters)}–${Math.max(...chapters)}` : '?';
}

/** For "4.2.15": "§4.2 has 4.2.1–4.2.14", the nearest valid values. */
function siblingsHint(kb: KnowledgeBase, input: string, lang: ReplyLang): string | undefined {
  const id = normalizeSectionInput(input);
  const parentId = /^(\d+(?:\.\d+)*)\.\d+$/.exec(id)?.[1];
  const parent = parentId ? kb.section(parentId) : undefined;
  if (!parentId || !parent || parent.children.length === 0) return undefined;
  const ids = parent.children;
  const list = ids.length > 6 ? `${ids[0]}–${ids.at(-1)}` : ids.join(', ');
  return st('sectionsUnder', lang, { parent: parentId, list });
}

function problemText(problem: StatusProblem, lang: ReplyLang, kb: KnowledgeBase): string {
  switch (problem.code) {
    case 'usage':
      return st('usage', lang);
    case 'unknownSection': {
      const near = siblingsHint(kb, problem.input, lang);
      return `${st('unknownSection', lang, { input: problem.input, chapters: chapterRange(kb) })}${near ? `\n${near}` : ''}`;
    }
    case 'unknownStatus':
      return st('unknownStatus', lang, { input: problem.input, valid: validStatusList(lang) });
    case 'badDate':
      return st('badDate', lang, { input: problem.input });
    case 'unknownField':
      return st('unknownField', lang, { field: problem.field, valid: FIELD_NAMES.join(', ') });
    case 'duplicateField':
      return st('duplicateField', lang, { field: problem.field });
    case 'unexpectedWord':
      return st('unexpectedWord', lang, { word: problem.word });
    case 'unterminatedQuote':
      return st('unterminatedQuote', lang, { quote: problem.quote });
    case 'tooLong':
      return st('tooLong', lang, { field: problem.field, max: problem.max });
    case 'nothingToChange':
      return st('nothingToChange', lang);
    case 'needsStatus':
      return st('needsStatus', lang, { id: problem.sectionId });
    case 'storage':
      return st('storageFailed', lang);
  }
}
