import type { KnowledgeBase } from '../index/knowledge-base.js';
import type { KnowledgeSource } from '../index/knowledge-source.js';
import { Retriever, type QueryExpander, type Retrieval, type RetrievedSection } from '../retrieval/retriever.js';
import { findSectionReferences } from '../retrieval/section-ref.js';
import { detectLanguage, type Lang } from '../text/language.js';
import { stripControlChars } from '../text/normalize.js';
import { questionText } from '../text/question.js';
import { changeNotes } from './change-notes.js';
import { childrenList, citeSection, composeExtractive } from './compose.js';
import { t } from './strings.js';
import type { Answer, AnswerPart, AnswerUsage, Citation, ConversationContext } from './types.js';
import { addUsage } from './usage.js';

export type { KnowledgeSource };

/** Rewrites an extractive answer (e.g. through an LLM); returns undefined to keep the original. */
export interface AnswerWriter {
  write(input: AnswerWriterInput): Promise<Answer | undefined>;
}

export interface AnswerWriterInput {
  question: string;
  context?: ConversationContext;
  retrieval: Retrieval;
  draft: Answer;
  kb: KnowledgeBase;
  /** performance.now() when the question arrived: time limits count from here. */
  startedAt?: number;
  /** Receives the reply text so far while it is being written (streaming front ends). */
  onText?: (partialText: string) => void;
}

/** Search queries for a question: a stand-alone form of a follow-up, Chinese queries for another language. */
export interface QueryRewriter {
  rewrite(input: { question: string; context?: ConversationContext; language: Lang; startedAt: number }): Promise<QueryRewrite | undefined>;
}

export interface QueryRewrite {
  /** Searched together with the question itself and fused (first one: the stand-alone question, if any). */
  queries: string[];
  /** True when the queries replace a follow-up that cannot be understood alone. */
  standalone: boolean;
  usage?: AnswerUsage;
}

export interface AskOptions {
  /** Called with the reply text so far when an AnswerWriter streams it; the returned Answer is final. */
  onText?: (partialText: string) => void;
}

export interface AssistantOptions {
  /** Longer questions are cut to this length, with a notice. */
  maxQuestionChars?: number;
  /** Below this coverage the plan is taken not to cover the question. */
  minCoverage?: number;
  /** At most this many sections are cited. */
  maxCitations?: number;
  expander?: QueryExpander;
  writer?: AnswerWriter;
  queryRewriter?: QueryRewriter;
}

/** Pronouns and demonstratives that make a question lean on the previous one. */
const REFERS_BACK = /[它其該该此這这那][個个些項项]?|\b(it|its|they|their|them|this|that|these|those|there)\b/iu;

function refersBack(question: string): boolean {
  return REFERS_BACK.test(question);
}

/** Words that ask for more about the same thing: details, what else, specifically. */
const CONTINUES = /具[體体]|詳細|详细|細節|细节|還有|还有|其他|更多|舉例|举例|例如|怎麼做|怎么做|如何落實|如何落实|\b(details?|else|more|specifically|example|how so)\b/iu;

/** A follow-up that cannot stand on its own: it points back, or only asks for more of the same. */
function continuesPrevious(question: string): boolean {
  return refersBack(question) || CONTINUES.test(question);
}

function previousSections(context: ConversationContext | undefined): string[] {
  return context?.previousCitations?.slice(0, 3) ?? [];
}

/** A section answering one part of a two-part question covers about this much of it. */
const PART_COVERAGE = 0.25;

const DEFAULTS = { maxQuestionChars: 2000, minCoverage: 0.4, maxCitations: 3 };

/**
 * The engine behind every front end: a question (and optional conversation
 * context) in, an Answer value out. It performs no platform I/O.
 */
export class Assistant {
  private readonly retrievers = new WeakMap<KnowledgeBase, Retriever>();
  private readonly options: Required<Pick<AssistantOptions, 'maxQuestionChars' | 'minCoverage' | 'maxCitations'>> & AssistantOptions;

  constructor(
    private readonly source: KnowledgeSource,
    options: AssistantOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  get knowledge(): KnowledgeBase {
    return this.source.current();
  }

  /** The retriever of an index version, made once per version. */
  retriever(kb: KnowledgeBase = this.knowledge): Retriever {
    let r = this.retrievers.get(kb);
    if (!r) {
      r = new Retriever(kb);
      this.retrievers.set(kb, r);
    }
    return r;
  }

  async ask(rawQuestion: string, context?: ConversationContext, askOptions: AskOptions = {}): Promise<Answer> {
    const started = performance.now();
    // One version for the whole question, even if a re-index switches meanwhile.
    const kb = this.knowledge;
    const cleaned = questionText(String(rawQuestion ?? ''));
    const notes: AnswerPart[] = [];
    let question = cleaned;
    const detected = detectLanguage(cleaned);
    const lang = detected.lang;
    if (question.length > this.options.maxQuestionChars) {
      question = question.slice(0, this.options.maxQuestionChars);
      notes.push({ type: 'note', text: t('truncated', lang, { max: this.options.maxQuestionChars }) });
    }
    const base = { question, language: lang, ...(detected.code ? { languageCode: detected.code } : {}), indexVersion: kb.version };
    const finish = (answer: Omit<Answer, 'timings' | keyof typeof base>, retrievalMs: number): Answer => ({
      ...base,
      ...answer,
      parts: [...notes, ...answer.parts],
      timings: { totalMs: performance.now() - started, retrievalMs },
    });

    if (!/[\p{L}\p{N}]/u.test(question)) {
      return finish({ kind: 'help', parts: [{ type: 'text', text: t('help', lang) }], citations: [], suggestions: [], abstained: false }, 0);
    }

    // A question naming sections is answered by number: nothing to rewrite.
    const namesSections = findSectionReferences(question, (id) => kb.section(id) !== undefined).length > 0;
    const rewrite = namesSections ? undefined : await this.options.queryRewriter?.rewrite({ question, context, language: lang, startedAt: started }).catch(() => undefined);
    const retrievalStarted = performance.now();
    const retriever = this.retriever(kb);
    const followUp = context?.previousQuestion ? stripControlChars(context.previousQuestion).slice(0, this.options.maxQuestionChars) : undefined;
    // A follow-up leans on the previous exchange; fully when it points back at it ("its funding").
    // A model's stand-alone rewrite already carries that context.
    const previous = followUp && !rewrite?.standalone
      ? { question: followUp, sections: previousSections(context), weight: refersBack(question) ? 1 : 0.4 }
      : undefined;
    const searchOptions = { expander: this.options.expander, limit: 8, ...(previous ? { context: previous } : {}) };
    let retrieval = rewrite && rewrite.queries.length > 0
      // A follow-up's own words count for less than its stand-alone rewrite.
      ? await retriever.retrieveMany([question, ...rewrite.queries], { ...searchOptions, weights: [rewrite.standalone ? 0.5 : 1] })
      : await retriever.retrieve(question, searchOptions);
    if (previous && retrieval.mode === 'search' && retrieval.coverage < this.options.minCoverage && continuesPrevious(question)) {
      // "具體有哪些措施?" / "what else?" after a water question asks about water: read it as one question.
      const combined = await retriever.retrieve(`${previous.question} ${question}`, searchOptions);
      if (combined.coverage >= this.options.minCoverage) retrieval = combined;
    }
    const retrievalMs = performance.now() - retrievalStarted;

    let answer: Answer;
    if (retrieval.mode === 'reference') {
      answer = finish(this.sectionAnswer(kb, retrieval, lang), retrievalMs);
    } else if (retrieval.coverage < this.options.minCoverage || retrieval.results.length === 0) {
      answer = finish(this.abstention(kb, retrieval, lang, detected.lang === 'other'), retrievalMs);
    } else {
      const cited = this.selectCitations(retrieval.results);
      const composed = composeExtractive(kb, cited, retrieval.terms, lang, 'according');
      answer = finish({ kind: 'answer', ...composed, suggestions: [], abstained: false }, retrievalMs);
    }
    if (lang === 'other' && (answer.kind === 'answer' || answer.kind === 'section')) {
      // Offline, a Thai or Vietnamese asker reads the English translation: say why.
      answer = { ...answer, parts: [{ type: 'note', text: t('offlineLanguageAnswered', lang) }, ...answer.parts] };
    }
    if (this.options.writer && answer.kind !== 'help') {
      const written = await this.options.writer.write({ question, context, retrieval, draft: answer, kb, startedAt: started, ...(askOptions.onText ? { onText: askOptions.onText } : {}) });
      if (written) answer = { ...written, timings: { ...written.timings, totalMs: performance.now() - started } };
    }
    const usage = addUsage(rewrite?.usage, answer.usage);
    if (usage) answer = { ...answer, usage };
    // Readers are told when a cited section is new wording of the latest plan update.
    answer.parts.push(...changeNotes(kb, answer.citations, answer.language));
    return answer;
  }

  /** Sections close to the best one, heading-only parts left out when there is real text. */
  private selectCitations(results: readonly RetrievedSection[]): RetrievedSection[] {
    const substantive = results.filter((r) => r.section.text.trim() !== r.section.title.trim());
    const pool = substantive.length > 0 ? substantive : [...results];
    const best = pool[0]!;
    const floor = Math.max(this.options.minCoverage, best.coverage * 0.6);
    const selected = [best];
    const covered = new Set(best.coveredTerms ?? []);
    for (const r of pool.slice(1)) {
      if (selected.length >= this.options.maxCitations) break;
      if (r.score < best.score * 0.5) continue;
      // Another section is cited when it answers a part of the question the ones before do not
      // (能源 and 農業: each covers half), or matches as fully and strongly as the best one. A
      // section that only names the topic in passing (a list of priority areas) adds nothing.
      const addsSomething = r.coverage >= PART_COVERAGE && (r.coveredTerms ?? []).some((t) => !covered.has(t));
      const asStrong = r.coverage >= floor && Boolean(best.lexicalScore) && (r.lexicalScore ?? 0) >= best.lexicalScore! * 0.8;
      if (!addsSomething && !asStrong) continue;
      selected.push(r);
      for (const t of r.coveredTerms ?? []) covered.add(t);
    }
    return selected;
  }

  private sectionAnswer(kb: KnowledgeBase, retrieval: Retrieval, lang: Answer['language']): Omit<Answer, 'timings' | 'question' | 'language' | 'indexVersion'> {
    const named = retrieval.results;
    const composed = composeExtractive(kb, named, retrieval.terms, lang, 'sectionIntro');
    // Name by number → quote the whole section; a chapter heading also lists its parts.
    composed.citations = composed.citations.map((c, i) => ({ ...c, quote: named[i]!.section.text }));
    for (const part of composed.parts) {
      if (part.type !== 'quote') continue;
      const hit = named.find((n) => n.section.id === part.sectionId)!;
      const translated = kb.translation(part.sectionId, part.language, hit.docId);
      part.text = part.language === kb.documentMeta(hit.docId)?.language ? hit.section.text : translated ? [translated.title, translated.text].filter(Boolean).join('. ') : part.text;
    }
    const extraCitations: Citation[] = [];
    for (const hit of named) {
      if (hit.section.children.length === 0) continue;
      composed.parts.push({ type: 'text', text: childrenList(kb, hit.section, hit.docId, lang) });
      for (const childId of hit.section.children) {
        const child = kb.section(childId, hit.docId);
        if (child && !named.some((n) => n.section.id === childId)) {
          extraCitations.push(citeSection(kb, { docId: hit.docId, section: child, score: hit.score * 0.5, coverage: 1 }, retrieval.terms, lang));
        }
      }
    }
    return { kind: 'section', parts: composed.parts, citations: [...composed.citations, ...extraCitations], suggestions: [], abstained: false };
  }

  private abstention(kb: KnowledgeBase, retrieval: Retrieval, lang: Answer['language'], otherLanguage: boolean): Omit<Answer, 'timings' | 'question' | 'language' | 'indexVersion'> {
    // Nearest sections are offered only when they share something with the question.
    const near = retrieval.results.filter((r) => r.coverage > 0).slice(0, 3);
    const suggestions = near.map((hit) => citeSection(kb, hit, retrieval.terms, lang));
    const parts: AnswerPart[] = [];
    if (otherLanguage) {
      // Offline, a Thai or Vietnamese question cannot be read reliably: say so, and offer what was found.
      parts.push({ type: 'note', text: t(suggestions.length > 0 ? 'offlineLanguage' : 'offlineLanguageNoMatch', lang) });
    } else {
      parts.push({ type: 'text', text: t('notCovered', lang) });
      if (suggestions.length > 0) parts.push({ type: 'text', text: t('nearest', lang) });
    }
    return { kind: 'abstain', parts, citations: [], suggestions, abstained: true };
  }
}
