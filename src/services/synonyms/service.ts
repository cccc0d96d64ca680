import type { KnowledgeSource } from '../../engine/index/knowledge-source.js';
import type { ReplyLang } from '../../engine/text/i18n.js';
import type { Actor } from '../access/actor.js';
import type { Permissions } from '../access/permissions.js';
import type { Logger } from 'pino';
import { whoLabel } from '../status/render.js';
import { formatTime, localTimeZone } from '../status/time.js';
import { searchTerms } from '../../engine/text/segment.js';
import { isSynonymInputError, parseSynonymPairs, type SynonymInputError, type SynonymPairs } from './parse.js';
import { REPLAY_LIMIT, renderReplay, replayQuestions, type Asker, type ReplayReport } from './replay.js';
import type { TaughtSynonym } from './store.js';
import { formatPairs, sy } from './strings.js';
import type { TaughtSynonyms } from './taught.js';

export type SynonymReply = { lang: ReplyLang; text: string } & (
  | { kind: 'added'; pairs: string[]; replay: ReplayReport }
  | { kind: 'removed'; pairs: string[]; replay: ReplayReport }
  | { kind: 'unchanged' }
  | { kind: 'list'; synonyms: TaughtSynonym[] }
  | { kind: 'usage' }
  | { kind: 'invalid' }
  | { kind: 'refused' }
  | { kind: 'error' }
);

export interface SynonymServiceDeps {
  taught: TaughtSynonyms;
  /** The index in service: a target must be a word the plan uses. */
  knowledge: KnowledgeSource;
  /** The logged unanswered questions, newest first (QuestionLog.unansweredQuestions). */
  unanswered: (limit: number) => Promise<string[]>;
  /** Answers replayed questions with the synonyms as they are now (extractive: a replay never calls a model). */
  asker: Asker;
  permissions: Permissions;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  timeZone?: string;
  replayLimit?: number;
}

const LIST = /^(list|ls|列表|列出|清單|清单)$/iu;
const REMOVE = /^(remove|rm|delete|del|移除|刪除|删除)(?:\s+|$)/iu;
const ADD = /^(add|新增|添加)(?:\s+|$)/iu;

/**
 * Synonyms admins teach (`颱風 = 災害`), for every front end: checks the input and the
 * admin, stores the pairs with who and when, applies them at once (the in-memory list
 * reloads), and replays the logged unanswered questions to report which the plan now
 * answers. Nothing is re-indexed.
 */
export class SynonymService {
  constructor(private readonly deps: SynonymServiceDeps) {}

  get taught(): TaughtSynonyms {
    return this.deps.taught;
  }

  /** The words after /synonym: `颱風 = 災害`, `add …`, `list`, `remove …`; anything else gets the usage. */
  async command(args: string, actor: Actor, lang: ReplyLang): Promise<SynonymReply> {
    const text = args.trim();
    if (!this.deps.permissions.isAdmin(actor)) return { kind: 'refused', lang, text: sy('adminOnly', lang) };
    if (LIST.test(text)) return this.list(lang);
    if (REMOVE.test(text)) return this.remove(text.replace(REMOVE, ''), actor, lang);
    if (ADD.test(text)) return this.add(text.replace(ADD, ''), actor, lang);
    if (/[=＝]/.test(text)) return this.add(text, actor, lang);
    return { kind: 'usage', lang, text: sy('usage', lang) };
  }

  async add(input: string, actor: Actor, lang: ReplyLang): Promise<SynonymReply> {
    if (!this.deps.permissions.isAdmin(actor)) return { kind: 'refused', lang, text: sy('adminOnly', lang) };
    const parsed = this.check(input, lang);
    if ('kind' in parsed) return parsed;
    try {
      const { added, existing } = await this.taught.store.add(parsed.term, parsed.targets, actor);
      if (added.length === 0) return { kind: 'unchanged', lang, text: sy('alreadyTaught', lang, { pairs: formatPairs(parsed.term, existing) }) };
      await this.taught.reload();
      this.deps.log.info({ by: `${actor.platform}:${actor.userId}`, term: parsed.term, targets: added }, 'synonym taught');
      const replay = await this.replay();
      const lines = [sy('added', lang, { pairs: formatPairs(parsed.term, added), term: parsed.term })];
      if (existing.length > 0) lines.push(sy('alreadyTaught', lang, { pairs: formatPairs(parsed.term, existing) }));
      lines.push('', renderReplay(replay, lang));
      return { kind: 'added', pairs: added.map((t) => formatPairs(parsed.term, [t])), replay, lang, text: lines.join('\n') };
    } catch (err) {
      return this.storageFailed(err, lang);
    }
  }

  async remove(input: string, actor: Actor, lang: ReplyLang): Promise<SynonymReply> {
    if (!this.deps.permissions.isAdmin(actor)) return { kind: 'refused', lang, text: sy('adminOnly', lang) };
    const parsed = parseSynonymPairs(input);
    if (isSynonymInputError(parsed)) return this.invalid(parsed, lang);
    try {
      const { removed, missing } = await this.taught.store.remove(parsed.term, parsed.targets);
      const notTaught = missing.length > 0 ? sy('notTaught', lang, { pairs: formatPairs(parsed.term, missing) }) : '';
      if (removed.length === 0) return { kind: 'unchanged', lang, text: notTaught };
      await this.taught.reload();
      this.deps.log.info({ by: `${actor.platform}:${actor.userId}`, term: parsed.term, targets: removed.map((r) => r.target) }, 'synonym removed');
      const replay = await this.replay();
      const lines = [sy('removed', lang, { pairs: formatPairs(removed[0]!.term, removed.map((r) => r.target)) }), ...(notTaught ? [notTaught] : []), '', renderReplay(replay, lang)];
      return { kind: 'removed', pairs: removed.map((r) => formatPairs(r.term, [r.target])), replay, lang, text: lines.join('\n') };
    } catch (err) {
      return this.storageFailed(err, lang);
    }
  }

  async list(lang: ReplyLang): Promise<SynonymReply> {
    try {
      const synonyms = await this.taught.store.list();
      if (synonyms.length === 0) return { kind: 'list', synonyms, lang, text: sy('listEmpty', lang) };
      const timeZone = this.deps.timeZone ?? localTimeZone();
      const lines = [sy('listTitle', lang, { n: synonyms.length })];
      for (const s of synonyms) {
        const who = whoLabel({ platform: s.taughtBy.platform, userId: s.taughtBy.userId, displayName: s.taughtBy.name });
        lines.push(`• ${sy('listItem', lang, { pair: formatPairs(s.term, [s.target]), who, when: formatTime(s.taughtAt, timeZone) })}`);
      }
      return { kind: 'list', synonyms, lang, text: lines.join('\n') };
    } catch (err) {
      return this.storageFailed(err, lang);
    }
  }

  /** Tries the latest logged unanswered questions again with the synonyms as they are now. */
  async replay(): Promise<ReplayReport> {
    const questions = await this.deps.unanswered(this.deps.replayLimit ?? REPLAY_LIMIT);
    return replayQuestions(questions, this.deps.asker);
  }

  /** Parses the input and checks that every target is a word of the plan in service. */
  private check(input: string, lang: ReplyLang): SynonymPairs | SynonymReply {
    const parsed = parseSynonymPairs(input);
    if (isSynonymInputError(parsed)) return this.invalid(parsed, lang);
    const kb = this.deps.knowledge.current();
    const unknown = parsed.targets.find((target) => !searchTerms(target).some((term) => kb.bm25.has(term)));
    if (unknown) return { kind: 'invalid', lang, text: `${sy('notInPlan', lang, { word: unknown })}\n${sy('nothingChanged', lang)}` };
    return parsed;
  }

  private invalid(error: SynonymInputError, lang: ReplyLang): SynonymReply {
    return { kind: 'invalid', lang, text: `${inputErrorText(error, lang)}\n${sy('nothingChanged', lang)}` };
  }

  private storageFailed(err: unknown, lang: ReplyLang): SynonymReply {
    this.deps.log.error({ err }, 'taught synonyms: database error');
    return { kind: 'error', lang, text: sy('storageFailed', lang) };
  }
}

/** What is wrong with the admin's input, each error with the values its text names. */
function inputErrorText(error: SynonymInputError, lang: ReplyLang): string {
  switch (error.error) {
    case 'usage':
      return sy('badInput', lang);
    case 'emptyTerm':
    case 'emptyTarget':
      return sy(error.error, lang);
    case 'tooLong':
      return sy('tooLong', lang, { word: error.word, max: error.max });
    case 'tooManyTargets':
      return sy('tooManyTargets', lang, { max: error.max });
    case 'sameWord':
    case 'noWords':
      return sy(error.error, lang, { word: error.word });
  }
}
