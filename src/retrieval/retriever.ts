import type { Section } from '../corpus/types.js';
import type { KnowledgeBase } from '../index/knowledge-base.js';
import { normalizeForSearch } from '../text/normalize.js';
import { searchTerms } from '../text/segment.js';
import { reciprocalRankFusion } from './fusion.js';
import { findSectionReferences } from './section-ref.js';
import { termCredit } from './term-match.js';

export interface RetrievedSection {
  docId: string;
  section: Section;
  /** Fused rank score (higher is better; only comparable within one retrieval). */
  score: number;
  /** Share of the question's weighted terms found in this section, 0…1. */
  coverage: number;
}

export interface Retrieval {
  /** 'reference' when the question named sections by number. */
  mode: 'reference' | 'search';
  results: RetrievedSection[];
  /** Search terms of the question after normalization (and expansion). */
  terms: string[];
  /** Best coverage among the results: how much of the question the plan speaks to. */
  coverage: number;
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
}

/** Extra weighted search terms for a question; a plain Map is an expansion without `standsFor`. */
export type QueryExpander = (question: string, terms: readonly string[], kb: KnowledgeBase) => QueryExpansion | Map<string, number>;

/** A question term with the expansion terms that may stand in for it, for coverage. */
interface Concept {
  weight: number;
  /** [term, credit factor]: the term itself at 1, stand-ins at their expansion weight. */
  forms: [string, number][];
}

export interface RetrieverOptions {
  /** How many sections to return. */
  limit?: number;
  expander?: QueryExpander;
  /** Extra text searched with a lower weight (a follow-up's previous question). */
  context?: string;
}

const CANDIDATES = 30;

function sectionKey(docId: string, sectionId: string): string {
  return `${docId}#${sectionId}`;
}

/**
 * Hybrid retrieval: BM25 over segmented words and nearest neighbours over
 * embeddings, fused by reciprocal rank, then measured for coverage so the
 * assistant can tell a question the plan answers from one it does not.
 */
export class Retriever {
  /** Normalized text of every section in all its languages, for partial-match coverage. */
  private readonly sectionText = new Map<string, string>();
  private readonly chunkSection: string[];

  constructor(readonly kb: KnowledgeBase) {
    this.chunkSection = kb.chunks.map((c) => sectionKey(c.docId, c.sectionId));
    kb.chunks.forEach((chunk, i) => {
      const key = this.chunkSection[i]!;
      this.sectionText.set(key, `${this.sectionText.get(key) ?? ''}\n${normalizeForSearch(chunk.text)}`);
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
    const terms = [...weights.keys()];
    const concepts = this.concepts(baseTerms, weights, expansion);

    if (references.length > 0) {
      const results = references.map((id, i) => ({ docId: primary, section: kb.section(id, primary)!, score: 1 - i * 0.01, coverage: 1 }));
      return { mode: 'reference', results, terms, coverage: 1 };
    }

    const lexical = kb.bm25.search(terms, CANDIDATES, weights);
    const queryText = options.context ? `${question}\n${options.context}` : question;
    const vector = kb.vectors.search(await kb.embedder.embedQuery(withExpansion(queryText, expansion)), CANDIDATES);
    const rankings = [
      { keys: uniqueSections(lexical.map((h) => this.chunkSection[h.index]!)), weight: 1 },
      { keys: uniqueSections(vector.map((h) => this.chunkSection[h.index]!)), weight: 1 },
    ];
    if (options.context) {
      const contextTerms = searchTerms(options.context);
      const contextHits = kb.bm25.search(contextTerms, CANDIDATES);
      rankings.push({ keys: uniqueSections(contextHits.map((h) => this.chunkSection[h.index]!)), weight: 0.5 });
    }
    const fused = reciprocalRankFusion(rankings);
    const results: RetrievedSection[] = [];
    for (const [key, score] of fused) {
      const [docId, sectionId] = splitKey(key);
      const section = kb.section(sectionId, docId);
      if (!section) continue;
      results.push({ docId, section, score, coverage: this.coverage(key, concepts) });
    }
    // Fused rank decides the order; coverage breaks near-ties and lifts full matches.
    results.sort((a, b) => b.score * (0.5 + b.coverage) - a.score * (0.5 + a.coverage));
    const top = results.slice(0, limit);
    return { mode: 'search', results: top, terms, coverage: Math.max(0, ...top.map((r) => r.coverage)) };
  }

  /**
   * The question's terms as concepts for coverage: each question term with the
   * expansion terms standing in for it, and expansion terms without a source as
   * concepts of their own. Weighted by IDF (a word the index lacks weighs most).
   */
  private concepts(baseTerms: readonly string[], weights: ReadonlyMap<string, number>, expansion: QueryExpansion): Concept[] {
    const base = new Set(baseTerms);
    const byTerm = new Map<string, Concept>();
    const concepts: Concept[] = [];
    for (const [term, weight] of weights) {
      if (!base.has(term) && expansion.standsFor?.has(term)) continue;
      const concept: Concept = { weight: this.kb.bm25.idf(term) * weight, forms: [[term, 1]] };
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
      if (targets.length === 0) concepts.push({ weight: this.kb.bm25.idf(term) * weight, forms: [[term, 1]] });
      for (const concept of targets) concept.forms.push([term, factor]);
    }
    return concepts;
  }

  /**
   * IDF-weighted share of the question's concepts present in a section. A Chinese
   * term missing as a word still earns partial credit for its character bigrams
   * (中小企业 in 中小微企業), since segmentation of question and text can differ.
   */
  private coverage(key: string, concepts: readonly Concept[]): number {
    const text = this.sectionText.get(key) ?? '';
    let total = 0;
    let covered = 0;
    for (const { weight, forms } of concepts) {
      total += weight;
      let credit = 0;
      for (const [term, factor] of forms) {
        if (factor > credit) credit = Math.max(credit, factor * termCredit(term, text));
      }
      covered += weight * credit;
    }
    return total > 0 ? covered / total : 0;
  }
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

function uniqueSections(keys: string[]): string[] {
  return [...new Set(keys)];
}

function splitKey(key: string): [string, string] {
  const cut = key.indexOf('#');
  return [key.slice(0, cut), key.slice(cut + 1)];
}
