import type { Section } from '../corpus/types.js';
import type { Bridge } from './bridge.js';
import type { KnowledgeBase } from '../index/knowledge-base.js';
import { normalizeForSearch } from '../text/normalize.js';
import { searchTerms } from '../text/segment.js';
import { reciprocalRankFusion } from './fusion.js';
import { findDocumentSectionReferences } from './document-ref.js';
import { findSectionReferences } from './section-ref.js';
import { weighSources } from './source-weight.js';
import { coverageCredit, coverageWeight } from './term-match.js';
import { isActionWord, isPlaceName, isShapeWord } from '../text/word-class.js';

export interface RetrievedSection {
  docId: string;
  section: Section;
  /** Fused rank score (higher is better; only comparable within one retrieval). */
  score: number;
  /** Share of the question's weighted terms found in this section, 0…1. */
  coverage: number;
  /** Best BM25 score of the section's chunks for the question (0 when BM25 did not find it). */
  lexicalScore?: number;
  /** The question's terms this section covers (each concept by its first form). */
  coveredTerms?: string[];
  /**
   * Coverage counting only the question's own words and their synonyms (translations,
   * thesaurus synonyms, taught synonyms): not broader, related or dictionary-gloss bridges.
   */
  directCoverage?: number;
  /** Bridges through which this section covers part of the question. */
  bridges?: Bridge[];
}

export interface Retrieval {
  /** 'reference' when the question named sections by number. */
  mode: 'reference' | 'search';
  results: RetrievedSection[];
  /** Search terms of the question after normalization (and expansion). */
  terms: string[];
  /** Best coverage among the results: how much of the question the plan speaks to. */
  coverage: number;
  /** The question's own terms, each with its coverage weight and whether the index and every expansion know nothing of it (absent for several phrasings). */
  questionTerms?: { term: string; weight: number; unknown: boolean; place?: boolean; character?: boolean }[];
}

/** Extra search terms for a question, e.g. Chinese words for English ones. */
export interface QueryExpansion {
  /** Term → weight relative to a question term (1). */
  terms: Map<string, number>;
  /**
   * Term → the question terms it translates. Coverage then counts it in their place
   * (an English word is covered when its Chinese counterpart is found). Terms not
   * listed count as question terms of their own.
   */
  standsFor?: Map<string, readonly string[]>;
  /** How question words were carried to the plan's words (shown in the answer). */
  bridges?: readonly Bridge[];
  /** Terms of `terms` that only help rank sections (the words of a multi-word label): never counted in coverage. */
  rankOnly?: ReadonlySet<string>;
}

/** Extra weighted search terms for a question; a plain Map is an expansion without `standsFor`. */
export type QueryExpander = (question: string, terms: readonly string[], kb: KnowledgeBase) => QueryExpansion | Map<string, number>;

/** A question term with the expansion terms that may stand in for it, for coverage. */
interface Concept {
  weight: number;
  /** [term, credit factor]: the term itself at 1, stand-ins at their expansion weight. */
  forms: [string, number][];
  /** True when this concept is a question term (not an expansion term of its own). */
  own?: boolean;
}

/** How an expansion term reached the plan: as the same meaning, or through a looser bridge. */
interface FormInfo {
  bridged: boolean;
  /** True when only dictionary glosses reached it (a Chinese word the index lacks, read through CC-CEDICT). */
  gloss: boolean;
  bridges: Bridge[];
}

export interface RetrieverOptions {
  /** How many sections to return. */
  limit?: number;
  expander?: QueryExpander;
  /** A follow-up's previous exchange: its question is searched too, its sections favoured, with this weight. */
  context?: { question: string; sections?: readonly string[]; weight: number };
}

const CANDIDATES = 30;
/** Coverage weight of a question word the plan lacks that only shapes the question (see isShapeWord). */
const SHAPE_WEIGHT = 0.3;
/** Coverage weight of a place name (see isPlaceName). */
const PLACE_WEIGHT = 0.4;
/** Coverage weight of a verb or adjective the plan lacks (see isActionWord). */
const ACTION_WEIGHT = 0.6;
/** Coverage weight (relative) of a question word no index term and no expansion matches. */
const UNKNOWN_WEIGHT = 0.5;
/** Floor of a phrasing's coverage weight, so phrasings the plan does not match at all still order the results. */
const MIN_PHRASING_WEIGHT = 0.05;

function sectionKey(docId: string, sectionId: string): string {
  return `${docId}#${sectionId}`;
}

/**
 * Hybrid retrieval: BM25 over segmented words and nearest neighbours over
 * embeddings, fused by reciprocal rank, then measured for coverage so the
 * assistant can tell a question the plan answers from one it does not.
 */
export class Retriever {
  /** Normalized text and search terms of every section in all its languages, for coverage. */
  private readonly sectionText = new Map<string, string>();
  private readonly sectionTerms = new Map<string, Set<string>>();
  private readonly chunkSection: string[];

  constructor(readonly kb: KnowledgeBase) {
    this.chunkSection = kb.chunks.map((c) => sectionKey(c.docId, c.sectionId));
    kb.chunks.forEach((chunk, i) => {
      const key = this.chunkSection[i]!;
      this.sectionText.set(key, `${this.sectionText.get(key) ?? ''}\n${normalizeForSearch(chunk.text)}`);
      const terms = this.sectionTerms.get(key) ?? new Set<string>();
      for (const term of searchTerms(chunk.text)) terms.add(term);
      this.sectionTerms.set(key, terms);
    });
  }

  async retrieve(question: string, options: RetrieverOptions = {}): Promise<Retrieval> {
    const limit = options.limit ?? 5;
    const { kb } = this;
    const primary = kb.primaryDocId;
    const references = findSectionReferences(question, (id) => kb.section(id, primary) !== undefined);
    const baseTerms = searchTerms(question);
    const weights = new Map<string, number>(baseTerms.map((t) => [t, 1]));
    const expanded = options.expander?.(question, baseTerms, kb);
    const expansion: QueryExpansion = expanded instanceof Map ? { terms: expanded } : (expanded ?? { terms: new Map() });
    for (const [term, w] of expansion.terms) {
      if (!weights.has(term)) weights.set(term, w);
    }
    // Words that only rank (parts of a multi-word label) are not what a quote should be picked by.
    const terms = [...weights.keys()].filter((t) => !expansion.rankOnly?.has(t) || baseTerms.includes(t));
    const formInfo = formsOf(expansion);
    const concepts = this.concepts(baseTerms, weights, expansion, formInfo);

    // `minutes:1.2` names a section of another document (or of the main one, by its alias).
    const named = findDocumentSectionReferences(question, kb);
    if (named.length > 0) {
      const results = named.map((r, i) => ({ docId: r.docId, section: kb.section(r.sectionId, r.docId)!, score: 1 - i * 0.01, coverage: 1 }));
      return { mode: 'reference', results, terms, coverage: 1 };
    }
    if (references.length > 0) {
      const results = references.map((id, i) => ({ docId: primary, section: kb.section(id, primary)!, score: 1 - i * 0.01, coverage: 1 }));
      return { mode: 'reference', results, terms, coverage: 1 };
    }

    const lexical = kb.bm25.search([...weights.keys()], CANDIDATES, weights);
    const vector = kb.vectors.search(await kb.embedder.embedQuery(withExpansion(question, expansion)), CANDIDATES);
    const rankings = [
      { keys: uniqueSections(lexical.map((h) => this.chunkSection[h.index]!)), weight: 1 },
      { keys: uniqueSections(vector.map((h) => this.chunkSection[h.index]!)), weight: 1 },
    ];
    if (options.context) {
      const { question: previous, sections = [], weight } = options.context;
      const contextHits = kb.bm25.search(searchTerms(previous), CANDIDATES);
      rankings.push({ keys: uniqueSections(contextHits.map((h) => this.chunkSection[h.index]!)), weight: weight / 2 });
      rankings.push({ keys: sections.map((id) => sectionKey(primary, id)), weight: weight / 2 });
    }
    const fused = reciprocalRankFusion(rankings);
    const lexicalScores = new Map<string, number>();
    for (const h of lexical) {
      const key = this.chunkSection[h.index]!;
      lexicalScores.set(key, Math.max(lexicalScores.get(key) ?? 0, h.score));
    }
    const found: RetrievedSection[] = [];
    for (const [key, score] of fused) {
      const [docId, sectionId] = splitKey(key);
      const section = kb.section(sectionId, docId);
      if (!section) continue;
      const { share, terms: coveredTerms, direct, bridges } = this.coverage(key, concepts, formInfo);
      found.push({ docId, section, score, coverage: share, lexicalScore: lexicalScores.get(key) ?? 0, coveredTerms, directCoverage: direct, bridges });
    }
    const results = weighSources(kb, found);
    // Fused rank decides the order; coverage breaks near-ties and lifts full matches.
    results.sort((a, b) => b.score * (0.5 + b.coverage) - a.score * (0.5 + a.coverage));
    const top = results.slice(0, limit);
    const questionTerms = concepts
      .filter((c) => c.own)
      .map((c) => {
        const term = c.forms[0]![0];
        const unknown = otherwiseUnknown(c, formInfo) && !kb.bm25.has(term) && !results.some((r) => (r.coveredTerms ?? []).includes(term)) && !this.anywhere(term);
        // A word the plan lacks read as a place (寮 of 寮國 → 老挝) is one too, and so is an English word
        // the bridges carry to a place (Mekong → 湄公河): CC-CEDICT glosses few places by one word.
        const readAsPlace = (!kb.bm25.has(term) || !/\p{Script=Han}/u.test(term)) && c.forms.slice(1).some(([form]) => isPlaceName(form));
        const place = isPlaceName(term) || readAsPlace;
        // A single character the plan has (国, 电) is part of too many words to say what a question is about.
        const character = /^\p{Script=Han}$/u.test(term) && kb.bm25.has(term);
        return { term, weight: c.weight, unknown, place, character };
      });
    return { mode: 'search', results: top, terms, coverage: Math.max(0, ...top.map((r) => r.coverage)), questionTerms };
  }

  /**
   * Several phrasings of one question (the question itself, a stand-alone rewrite,
   * Chinese search queries for a question in another language) searched separately
   * and fused by reciprocal rank. Each phrasing's ranking counts in proportion to how
   * well the plan matches it (its best coverage): an English phrasing the plan's
   * words barely match ranks mostly noise, and agreeing noise must not outvote the
   * Chinese query that finds the section. A section's coverage is its best over the
   * phrasings. The first query decides reference mode (a question naming sections).
   */
  async retrieveMany(queries: readonly string[], options: RetrieverOptions & { weights?: readonly number[] } = {}): Promise<Retrieval> {
    const limit = options.limit ?? 5;
    const seen = new Set<string>();
    const unique: { text: string; weight: number }[] = [];
    queries.forEach((q, i) => {
      const text = q.trim();
      if (text && !seen.has(text)) {
        seen.add(text);
        unique.push({ text, weight: options.weights?.[i] ?? 1 });
      }
    });
    if (unique.length <= 1) return this.retrieve(unique[0]?.text ?? '', options);
    const runs = await Promise.all(unique.map((q) => this.retrieve(q.text, { expander: options.expander, context: options.context, limit: CANDIDATES })));
    if (runs[0]!.mode === 'reference') return { ...runs[0]!, results: runs[0]!.results.slice(0, limit) };

    const byKey = new Map<string, RetrievedSection>();
    const coverage = new Map<string, number>();
    const rankings = runs.map((run, i) => {
      const keys = run.results.map((r) => sectionKey(r.docId, r.section.id));
      run.results.forEach((r, j) => {
        byKey.set(keys[j]!, r);
        coverage.set(keys[j]!, Math.max(coverage.get(keys[j]!) ?? 0, r.coverage));
      });
      return { keys, weight: unique[i]!.weight * Math.max(run.coverage, MIN_PHRASING_WEIGHT) };
    });
    const results = weighSources(this.kb, [...reciprocalRankFusion(rankings)].map(([key, score]): RetrievedSection => {
      const hit = byKey.get(key)!;
      return { ...hit, score, coverage: coverage.get(key) ?? 0 };
    }));
    results.sort((a, b) => b.score * (0.5 + b.coverage) - a.score * (0.5 + a.coverage));
    const top = results.slice(0, limit);
    const terms = [...new Set(runs.flatMap((r) => r.terms))];
    // No questionTerms: a rewrite into the plan's words (a model's) already says what the question is about.
    return { mode: 'search', results: top, terms, coverage: Math.max(0, ...top.map((r) => r.coverage)) };
  }

  /**
   * The question's terms as concepts for coverage: each question term with the
   * expansion terms standing in for it, and expansion terms without a source as
   * concepts of their own. Weighted by IDF (a word the index lacks weighs most).
   */
  private concepts(baseTerms: readonly string[], weights: ReadonlyMap<string, number>, expansion: QueryExpansion, formInfo: ReadonlyMap<string, FormInfo>): Concept[] {
    const base = new Set(baseTerms);
    const byTerm = new Map<string, Concept>();
    const concepts: Concept[] = [];
    for (const [term, weight] of weights) {
      if (!base.has(term) && (expansion.standsFor?.has(term) || expansion.rankOnly?.has(term))) continue;
      // A word the plan lacks weighs most (its IDF is highest), unless it only shapes the question (过后, currently).
      const absent = base.has(term) && !this.kb.bm25.has(term);
      // A verb or adjective the plan lacks (写进去, attract) frames the question more than it names its topic.
      // A place (泰国, Mekong) sets where a question is, which is where the whole plan is.
      const shape = absent && isShapeWord(term) ? SHAPE_WEIGHT : absent && isActionWord(term) ? ACTION_WEIGHT : base.has(term) && isPlaceName(term) ? PLACE_WEIGHT : 1;
      const concept: Concept = { weight: this.kb.bm25.idf(term) * weight * coverageWeight(term) * shape, forms: [[term, 1]], own: base.has(term) };
      byTerm.set(term, concept);
      concepts.push(concept);
    }
    for (const [term, sources] of expansion.standsFor ?? []) {
      const weight = expansion.terms.get(term) ?? 0;
      // A stand-in found with confidence w covers its source by √w: a fair translation
      // (w ≈ 0.5) counts for most of the word, a long shot (w ≈ 0.2) for less than half.
      const factor = Math.sqrt(Math.min(1, weight));
      const targets = sources.map((source) => byTerm.get(source)).filter((c): c is Concept => c !== undefined);
      // Standing in for terms the question does not have: a concept of its own.
      if (targets.length === 0) concepts.push({ weight: this.kb.bm25.idf(term) * weight * coverageWeight(term), forms: [[term, 1]] });
      for (const concept of targets) concept.forms.push([term, factor]);
    }
    // A question word that neither the plan nor any bridge knows, in a question that does
    // have words the plan knows, weighs less than the rarest word: everyday wording (防控,
    // 联合行动) around a topic the plan names should not hide it. The Assistant still
    // declines when such words face a single matched one (see Assistant.judge).
    // Dictionary glosses of such a word only add credit: they do not make it weigh as a known one.
    const unknown = (c: Concept) => c.own && otherwiseUnknown(c, formInfo) && !this.kb.bm25.has(c.forms[0]![0]);
    if (concepts.some((c) => c.own && !unknown(c))) {
      for (const c of concepts) if (unknown(c)) c.weight *= UNKNOWN_WEIGHT;
    }
    return concepts;
  }

  /**
   * IDF-weighted share of the question's concepts a section covers (see
   * coverageCredit). Rare words decide: a question about football that shares
   * only 合作 with the plan covers little of itself.
   */
  private coverage(key: string, concepts: readonly Concept[], formInfo: ReadonlyMap<string, FormInfo>): { share: number; terms: string[]; direct: number; bridges: Bridge[] } {
    const text = this.sectionText.get(key) ?? '';
    const terms = this.sectionTerms.get(key) ?? new Set<string>();
    let total = 0;
    let covered = 0;
    let direct = 0;
    const coveredTerms: string[] = [];
    const bridges: Bridge[] = [];
    for (const { weight, forms } of concepts) {
      total += weight;
      let credit = 0;
      let directCredit = 0;
      let via: FormInfo | undefined;
      for (const [term, factor] of forms) {
        if (factor <= credit && factor <= directCredit) continue;
        const c = factor * coverageCredit(term, terms, text);
        const info = formInfo.get(term);
        if (c > credit) {
          credit = c;
          via = info;
        }
        if (!info?.bridged && c > directCredit) directCredit = c;
      }
      covered += weight * credit;
      direct += weight * directCredit;
      if (credit >= 0.5) coveredTerms.push(forms[0]![0]);
      if (credit > 0 && via) for (const b of via.bridges) if (!bridges.includes(b)) bridges.push(b);
    }
    return { share: total > 0 ? covered / total : 0, terms: coveredTerms, direct: total > 0 ? direct / total : 0, bridges };
  }

  /** True when some section's text contains the term (a Chinese word segmented differently, or part of a longer one). */
  private anywhere(term: string): boolean {
    for (const [key, text] of this.sectionText) if (coverageCredit(term, this.sectionTerms.get(key)!, text) >= 0.5) return true;
    return false;
  }
}

/** True when nothing but the word itself and dictionary glosses stand for a concept. */
function otherwiseUnknown(concept: Concept, formInfo: ReadonlyMap<string, FormInfo>): boolean {
  return concept.forms.slice(1).every(([form]) => formInfo.get(form)?.gloss === true);
}

/** Per expansion term: the bridges that produced it, and whether it is only a looser link (broader, related, dictionary gloss). */
function formsOf(expansion: QueryExpansion): Map<string, FormInfo> {
  const out = new Map<string, FormInfo>();
  for (const bridge of expansion.bridges ?? []) {
    const loose = bridge.relation !== 'synonym' || bridge.via === 'dictionary';
    for (const term of bridge.terms ?? []) {
      const info = out.get(term) ?? { bridged: true, gloss: true, bridges: [] };
      if (bridge.via !== 'dictionary') info.gloss = false;
      // A term any bridge reaches as a plain synonym counts as the same meaning.
      if (!loose) info.bridged = false;
      info.bridges.push(bridge);
      out.set(term, info);
    }
  }
  return out;
}

function uniqueSections(keys: string[]): string[] {
  return [...new Set(keys)];
}

function splitKey(key: string): [string, string] {
  const cut = key.indexOf('#');
  return [key.slice(0, cut), key.slice(cut + 1)];
}

/**
 * The text embedded for the vector search: the question plus its expansion terms,
 * so a lexical (hashed n-gram) embedding of an English question still meets the
 * Chinese text it was bridged to.
 */
function withExpansion(queryText: string, expansion: QueryExpansion): string {
  if (expansion.terms.size === 0) return queryText;
  return `${queryText}\n${[...expansion.terms.keys()].join(' ')}`;
}
