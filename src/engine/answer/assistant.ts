import type { KnowledgeBase } from '../index/knowledge-base.js';
import type { KnowledgeSource } from '../index/knowledge-source.js';
import { Retriever, type QueryExpander, type Retrieval, type RetrievedSection, type RetrieverOptions } from '../retrieval/retriever.js';
import type { Lang } from '../text/language.js';
import { stripControlChars } from '../text/normalize.js';
import { changeNotes } from './change-notes.js';
import { childrenList, citeSection, composeExtractive } from './compose.js';
import { t } from './strings.js';
import type { Answer, AnswerPart, AnswerUsage, Citation, ConversationContext } from './types.js';
import { addUsage } from './usage.js';
import { isGreeting } from './greeting.js';
import { readQuestion, type QuestionReading } from './reading.js';
import { isChineseProperName, isEnglishNoun, isNounLike } from '../text/word-class.js';
import { stemEnglish } from '../text/stem.js';
import type { Bridge } from '../retrieval/bridge.js';
import type { ReplyLang } from '../text/i18n.js';


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

/**
 * One rewrite of a question the plan's words do not match into the plan's own vocabulary
 * (e.g. by a model that sees the table of contents). Its queries are only searched.
 */
export interface VocabularyRewriter {
  rewrite(input: { question: string; language: Lang; kb: KnowledgeBase; startedAt: number }): Promise<QueryRewrite | undefined>;
}

export interface AskOptions {
  /** Called with the reply text so far when an AnswerWriter streams it; the returned Answer is final. */
  onText?: (partialText: string) => void;
  /** The question as Assistant.read read it (the desk reads once); ignored when the index has switched since. */
  reading?: QuestionReading;
}

export interface AssistantOptions {
  /** Longer questions are cut to this length, with a notice. */
  maxQuestionChars?: number;
  /** Below this coverage the plan is taken not to cover the question. */
  minCoverage?: number;
  /** A question reached only through broader, related or dictionary bridges needs at least this coverage ("related"). */
  minRelatedCoverage?: number;
  /** At most this many sections are cited. */
  maxCitations?: number;
  expander?: QueryExpander;
  writer?: AnswerWriter;
  queryRewriter?: QueryRewriter;
  /** Consulted once for a question that would otherwise be declined (see retrieveInPlanWords). */
  vocabularyRewriter?: VocabularyRewriter;
}

function previousSections(context: ConversationContext | undefined): string[] {
  return context?.previousCitations?.slice(0, 3) ?? [];
}

/** Coverage weight (IDF-based) below which a matched word is too common in the plan to name a topic (合作 ≈ 1.0, single characters less). */
const MIN_TOPICAL_WEIGHT = 1.2;

/** Direct coverage from which a question's unknown words no longer decide it (see judge). */
const MOSTLY_COVERED = 0.6;

/** A section answering one part of a two-part question covers about this much of it. */
const PART_COVERAGE = 0.25;

const DEFAULTS = { maxQuestionChars: 2000, minCoverage: 0.4, minRelatedCoverage: 0.55, maxCitations: 3 };

/**
 * The engine behind every front end: a question (and optional conversation
 * context) in, an Answer value out. It performs no platform I/O.
 */
export class Assistant {
  private readonly retrievers = new WeakMap<KnowledgeBase, Retriever>();
  private readonly options: Required<Pick<AssistantOptions, 'maxQuestionChars' | 'minCoverage' | 'minRelatedCoverage' | 'maxCitations'>> & AssistantOptions;

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

  /** How the engine reads a question (words, language, sections named, follow-up cues), in the index in service. */
  read(rawQuestion: string, kb: KnowledgeBase = this.knowledge): QuestionReading {
    return readQuestion(rawQuestion, kb, this.options.maxQuestionChars);
  }

  async ask(rawQuestion: string, context?: ConversationContext, askOptions: AskOptions = {}): Promise<Answer> {
    const started = performance.now();
    // One version for the whole question, even if a re-index switches meanwhile.
    const kb = this.knowledge;
    const given = askOptions.reading;
    const reading = given && given.indexVersion === kb.version ? given : this.read(rawQuestion, kb);
    const notes: AnswerPart[] = [];
    const question = reading.question;
    const detected = reading.language;
    const lang = detected.lang;
    if (reading.truncated) notes.push({ type: 'note', text: t('truncated', lang, { max: this.options.maxQuestionChars }) });
    const base = { question, language: lang, ...(detected.code ? { languageCode: detected.code } : {}), indexVersion: kb.version };
    const finish = (answer: Omit<Answer, 'timings' | keyof typeof base>, retrievalMs: number): Answer => ({
      ...base,
      ...answer,
      parts: [...notes, ...answer.parts],
      timings: { totalMs: performance.now() - started, retrievalMs },
    });

    if (!/[\p{L}\p{N}]/u.test(question)) {
      return finish({ kind: 'help', parts: [{ type: 'text', text: t('help', lang) }], citations: [], suggestions: [], abstained: false, confidence: 'answer' }, 0);
    }
    // "你好", "thanks": a short hello with what PlanBot does, neither a search nor a refusal.
    if (isGreeting(question)) {
      return finish({ kind: 'help', parts: [{ type: 'text', text: t('greeting', lang) }], citations: [], suggestions: [], abstained: false, confidence: 'answer' }, 0);
    }

    // A question naming sections is answered by number: nothing to rewrite.
    const namesSections = reading.sections.length > 0;
    const rewrite = namesSections ? undefined : await this.options.queryRewriter?.rewrite({ question, context, language: lang, startedAt: started }).catch(() => undefined);
    const retrievalStarted = performance.now();
    const retriever = this.retriever(kb);
    const followUp = context?.previousQuestion ? stripControlChars(context.previousQuestion).slice(0, this.options.maxQuestionChars) : undefined;
    // A follow-up leans on the previous exchange; fully when it points back at it ("its funding").
    // A model's stand-alone rewrite already carries that context.
    const previous = followUp && !rewrite?.standalone
      ? { question: followUp, sections: previousSections(context), weight: reading.refersBack ? 1 : 0.4 }
      : undefined;
    const searchOptions = { expander: this.options.expander, limit: 8, ...(previous ? { context: previous } : {}) };
    /** True when the question was read together with the one before it. */
    let followUpRead = false;
    let retrieval = rewrite && rewrite.queries.length > 0
      // A follow-up's own words count for less than its stand-alone rewrite.
      ? await retriever.retrieveMany([question, ...rewrite.queries], { ...searchOptions, weights: [rewrite.standalone ? 0.5 : 1] })
      : await retriever.retrieve(question, searchOptions);
    if (previous && retrieval.mode === 'search' && this.judge(retrieval, question) === 'none' && reading.continuesPrevious) {
      // "具體有哪些措施?" / "what else?" after a water question asks about water: read it as one question.
      const combinedQuestion = `${previous.question} ${question}`;
      const combined = await retriever.retrieve(combinedQuestion, searchOptions);
      // Its topic is the previous question's, already answered: only coverage decides.
      if (this.judge(combined, combinedQuestion, true) !== 'none') {
        retrieval = combined;
        followUpRead = true;
      }
    }
    const inPlanWords = await this.retrieveInPlanWords({ question, lang, kb, retrieval, searchOptions, startedAt: started });
    retrieval = inPlanWords.retrieval;
    const retrievalMs = performance.now() - retrievalStarted;

    let answer: Answer;
    const confidence = retrieval.mode === 'reference' ? 'answer' : this.judge(retrieval, question, followUpRead);
    if (retrieval.mode === 'reference') {
      answer = finish(this.sectionAnswer(kb, retrieval, lang), retrievalMs);
    } else if (confidence === 'none') {
      answer = finish(this.abstention(kb, retrieval, lang, detected.lang === 'other'), retrievalMs);
    } else {
      const cited = this.selectCitations(retrieval.results);
      const composed = composeExtractive(kb, cited, retrieval.terms, lang, 'according');
      const bridges = bridgesOf(cited);
      // "related": say honestly that the plan does not use these words, and how they were read.
      const lead: AnswerPart[] = confidence === 'related' ? relatedLead(bridges, lang) : [];
      answer = finish({ kind: 'answer', parts: [...lead, ...composed.parts], citations: composed.citations, suggestions: [], abstained: false, confidence, ...(bridges.length > 0 ? { bridges } : {}) }, retrievalMs);
    }
    if (lang === 'other' && (answer.kind === 'answer' || answer.kind === 'section')) {
      // Offline, a Thai or Vietnamese asker reads the English translation: say why.
      answer = { ...answer, parts: [{ type: 'note', text: t('offlineLanguageAnswered', lang) }, ...answer.parts] };
    }
    if (this.options.writer && answer.kind !== 'help') {
      const written = await this.options.writer.write({ question, context, retrieval, draft: answer, kb, startedAt: started, ...(askOptions.onText ? { onText: askOptions.onText } : {}) });
      if (written) answer = { ...written, timings: { ...written.timings, totalMs: performance.now() - started } };
    }
    const usage = addUsage(addUsage(rewrite?.usage, inPlanWords.usage), answer.usage);
    if (usage) answer = { ...answer, usage };
    // Readers are told when a cited section is new wording of the latest plan update.
    answer.parts.push(...changeNotes(kb, answer.citations, answer.language));
    return answer;
  }

  /**
   * A question that would end in "none" or "related" gets one rewrite into the plan's
   * vocabulary when a VocabularyRewriter is configured. The
   * question and the rewritten queries are searched together and the better retrieval
   * is kept; citations are still quoted from the sections found, so the rewrite changes
   * what is found, never what is cited.
   */
  private async retrieveInPlanWords(input: {
    question: string;
    lang: Lang;
    kb: KnowledgeBase;
    retrieval: Retrieval;
    searchOptions: RetrieverOptions;
    startedAt: number;
  }): Promise<{ retrieval: Retrieval; usage?: AnswerUsage }> {
    const { retrieval } = input;
    const wouldDecline = retrieval.mode === 'search' && this.judge(retrieval, input.question) !== 'answer';
    if (!this.options.vocabularyRewriter || !wouldDecline) return { retrieval };
    const rewrite = await this.options.vocabularyRewriter.rewrite({ question: input.question, language: input.lang, kb: input.kb, startedAt: input.startedAt }).catch(() => undefined);
    const usage = rewrite?.usage ? { usage: rewrite.usage } : {};
    if (!rewrite || rewrite.queries.length === 0) return { retrieval, ...usage };
    const rewritten = await this.retriever(input.kb).retrieveMany([input.question, ...rewrite.queries], input.searchOptions);
    return { retrieval: rewritten.mode === 'search' && rewritten.coverage > retrieval.coverage ? rewritten : retrieval, ...usage };
  }

  /**
   * How well the plan speaks to a searched question. 'none' below the coverage
   * floor, and for a question whose distinctive words neither the plan nor any
   * bridge knows when at most one of its words matched ("capital of Australia":
   * only "capital" meets 資本市場) — one generic or bridged word is not a topic —
   * unless the plan's own words cover most of the question and the unknown words are
   * no proper names (修鐵路 beside 公路: a detail; Saturn beside satellites: a topic).
   * 'none' too when no cited section meets a topical word of the question other
   * than a place (湄公河里有什么鱼好吃: the plan is set on the Mekong throughout).
   * 'answer' when the question's own words and their synonyms alone reach the
   * floor; otherwise it took a broader, related or dictionary bridge: 'related',
   * when that covers enough of the question or meets two of its topical words in
   * one section.
   */
  private judge(retrieval: Retrieval, question: string, followUp = false): 'answer' | 'related' | 'none' {
    const names = namesIn(question);
    if (retrieval.results.length === 0 || retrieval.coverage < this.options.minCoverage) return 'none';
    // Judged on the sections that would be cited, not on a chapter heading that collects their words.
    const top = this.selectCitations(retrieval.results);
    const terms = retrieval.questionTerms ?? [];
    const unknown = terms.filter((q) => q.unknown && isDistinctive(q.term, names));
    const direct = Math.max(...top.map((r) => r.directCoverage ?? r.coverage));
    // When the plan's own words (and their synonyms) cover most of the question, an unknown word beside them is a detail of its topic.
    // Not so when one of them is a proper name: a thing of its own the plan does not name (Jupiter beside satellites).
    const proper = properNamesIn(question);
    // Nor when the asker calls it theirs (my dog, 我家的狗): a personal matter, whatever the plan says of the words beside it.
    const own = ownedIn(question);
    const details = direct >= MOSTLY_COVERED && !unknown.some((q) => proper.has(q.term) || isChineseProperName(q.term) || own.has(q.term));
    // A single character or a word found all over the plan (合作) does not say what a question is about.
    // Nor does a place: the whole plan is set in the Lancang–Mekong countries (泰国, Mekong).
    const anchors = new Set(terms.filter((q) => q.weight >= MIN_TOPICAL_WEIGHT && !q.place && !q.character).map((q) => q.term));
    // A question the plan meets only in places, characters and common words ("湄公河里有什么鱼好吃") is not one it covers.
    // (Several phrasings, e.g. a model's rewrite into the plan's words, carry no question terms: nothing to check.)
    const anchored = !retrieval.questionTerms || top.some((r) => (r.coveredTerms ?? []).some((x) => anchors.has(x)));
    if (!followUp && !anchored) return 'none';
    // Nor does a number (a year) when words the plan does not know say what the question is about.
    const topical = new Set([...anchors].filter((x) => !/^\d+$/.test(x)));
    const matched = Math.max(...top.map((r) => (r.coveredTerms ?? []).filter((x) => topical.has(x)).length));
    if (unknown.length > 0 && !followUp && !details && matched <= 1) return 'none';
    if (direct >= this.options.minCoverage) return 'answer';
    // A looser link has to explain more of the question than the plan's own words would,
    // unless one cited section meets two of its topical words at once: two words agreeing
    // on a section are a topic, where one generic or bridged word may be a coincidence.
    const coverage = Math.max(...top.map((r) => r.coverage));
    // Words, not the single characters a label was cut into (比特币 → 比特 + 币).
    const words = Math.max(...top.map((r) => (r.coveredTerms ?? []).filter((x) => topical.has(x) && !/^\p{Script=Han}$/u.test(x)).length));
    const agreed = words >= 2 && coverage >= this.options.minCoverage;
    return coverage >= this.options.minRelatedCoverage || agreed ? 'related' : 'none';
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
    return { kind: 'section', parts: composed.parts, citations: [...composed.citations, ...extraCitations], suggestions: [], abstained: false, confidence: 'answer' };
  }

  private abstention(kb: KnowledgeBase, retrieval: Retrieval, lang: Answer['language'], otherLanguage: boolean): Omit<Answer, 'timings' | 'question' | 'language' | 'indexVersion'> {
    // Nearest sections are offered only when they share the question's own words (not a thesaurus bridge).
    const near = retrieval.results.filter((r) => (r.directCoverage ?? r.coverage) > 0).slice(0, 3);
    const suggestions = near.map((hit) => citeSection(kb, hit, retrieval.terms, lang));
    const parts: AnswerPart[] = [];
    if (otherLanguage) {
      // Offline, a Thai or Vietnamese question cannot be read reliably: say so, and offer what was found.
      parts.push({ type: 'note', text: t(suggestions.length > 0 ? 'offlineLanguage' : 'offlineLanguageNoMatch', lang) });
    } else {
      parts.push({ type: 'text', text: t('notCovered', lang) });
      if (suggestions.length > 0) parts.push({ type: 'text', text: t('nearest', lang) });
    }
    return { kind: 'abstain', parts, citations: [], suggestions, abstained: true, confidence: 'none' };
  }
}

/** The bridges through which the cited sections were reached, each once, without the search terms behind them. */
function bridgesOf(cited: readonly RetrievedSection[]): Bridge[] {
  const out: Bridge[] = [];
  for (const r of cited) {
    for (const { from, to, via, relation } of r.bridges ?? []) {
      if (!out.some((b) => b.from === from && b.to === to)) out.push({ from, to, via, relation });
    }
  }
  return out;
}

const BRIDGE_SEPARATOR: Record<ReplyLang, string> = { 'zh-Hant': '、', 'zh-Hans': '、', en: '; ' };

/** The opening of a "related" answer: the plan does not use these words, and how they were read ("颱風 → 災害"). */
function relatedLead(bridges: readonly Bridge[], lang: Answer['language']): AnswerPart[] {
  const parts: AnswerPart[] = [{ type: 'note', text: t('related', lang) }];
  if (bridges.length > 0) {
    const sep = BRIDGE_SEPARATOR[lang === 'other' ? 'en' : lang];
    parts.push({ type: 'note', text: t('relatedBridges', lang, { bridges: bridges.map((b) => `${b.from} → ${b.to}`).join(sep) }) });
  }
  return parts;
}

/** Stems of the capitalized words after the first (Jupiter, Australia); not acronyms (ASEAN, TV), which often abbreviate the plan's own topics. */
function properNamesIn(question: string): Set<string> {
  const words = [...question.matchAll(/[A-Za-z][A-Za-z'-]*/g)];
  return new Set(words.slice(1).filter((m) => /^[A-Z][a-z]/.test(m[0])).map((m) => stemEnglish(m[0])));
}

/** Words the asker calls their own: the stem of the word after "my" (or one word later), or what follows 我的 / 我家. */
function ownedIn(question: string): Set<string> {
  const out = new Set<string>();
  for (const m of question.matchAll(/\bmy\s+([A-Za-z'-]+)(?:\s+([A-Za-z'-]+))?/gi)) for (const w of m.slice(1)) if (w) out.add(stemEnglish(w.toLowerCase()));
  for (const m of question.matchAll(/我(?:的|家的?|們的|们的)(\p{Script=Han}{1,4})/gu)) for (let n = 1; n <= m[1]!.length; n++) out.add(m[1]!.slice(0, n));
  return out;
}

/**
 * Stems of the words of an English question that name things: capitalized words after
 * the first (Australia, Jupiter), and nouns by their CC-CEDICT headword (dog, wedding).
 */
function namesIn(question: string): Set<string> {
  const words = [...question.matchAll(/[A-Za-z][A-Za-z'-]*/g)];
  const names = new Set(words.slice(1).filter((m) => /^[A-Z][a-z]/.test(m[0])).map((m) => stemEnglish(m[0])));
  for (const m of words) if (!names.has(stemEnglish(m[0])) && isEnglishNoun(m[0].toLowerCase())) names.add(stemEnglish(m[0]));
  return names;
}

/**
 * A question word that says what the question is about: a Chinese noun or name, or
 * an English name. When such a word is unknown to the plan and to every bridge, one
 * matched word beside it is not enough to answer (see judge).
 */
function isDistinctive(term: string, names: ReadonlySet<string>): boolean {
  return /\p{Script=Han}/u.test(term) ? term.length >= 2 && isNounLike(term) : names.has(term);
}
