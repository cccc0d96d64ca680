import type { Section } from '../corpus/types.js';
import type { KnowledgeBase } from '../index/knowledge-base.js';
import { normalizeForSearch } from '../text/normalize.js';
import { searchTerms } from '../text/segment.js';
import { reciprocalRankFusion } from './fusion.js';
import { findSectionReferences } from './section-ref.js';
import { coverageCredit, coverageWeight } from './term-match.js';

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

/** Extra weighted search terms for a question, e.g. Chinese terms for English words. */
export type QueryExpander = (question: string, terms: readonly string[]) => Map<string, number>;

export interface RetrieverOptions {
  /** How many sections to return. */
  limit?: number;
  expander?: QueryExpander;
  /** A follow-up's previous exchange: its question is searched too, its sections favoured, with this weight. */
  context?: { question: string; sections?: readonly string[]; weight: number };
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
    for (const [term, w] of options.expander?.(question, baseTerms) ?? []) {
      if (!weights.has(term)) weights.set(term, w);
    }
    const terms = [...weights.keys()];

    if (references.length > 0) {
      const results = references.map((id, i) => ({ docId: primary, section: kb.section(id, primary)!, score: 1 - i * 0.01, coverage: 1 }));
      return { mode: 'reference', results, terms, coverage: 1 };
    }

    const lexical = kb.bm25.search(terms, CANDIDATES, weights);
    const vector = kb.vectors.search(await kb.embedder.embedQuery(question), CANDIDATES);
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
    const results: RetrievedSection[] = [];
    for (const [key, score] of fused) {
      const [docId, sectionId] = splitKey(key);
      const section = kb.section(sectionId, docId);
      if (!section) continue;
      results.push({ docId, section, score, coverage: this.coverage(key, weights) });
    }
    // Fused rank decides the order; coverage breaks near-ties and lifts full matches.
    results.sort((a, b) => b.score * (0.5 + b.coverage) - a.score * (0.5 + a.coverage));
    const top = results.slice(0, limit);
    return { mode: 'search', results: top, terms, coverage: Math.max(0, ...top.map((r) => r.coverage)) };
  }

  /**
   * IDF-weighted share of the question's terms a section covers (see
   * coverageCredit). Rare words decide: a question about football that shares
   * only 合作 with the plan covers little of itself.
   */
  private coverage(key: string, weights: ReadonlyMap<string, number>): number {
    const text = this.sectionText.get(key) ?? '';
    const terms = this.sectionTerms.get(key) ?? new Set<string>();
    let total = 0;
    let covered = 0;
    for (const [term, weight] of weights) {
      const w = this.kb.bm25.idf(term) * weight * coverageWeight(term);
      total += w;
      covered += w * coverageCredit(term, terms, text);
    }
    return total > 0 ? covered / total : 0;
  }
}

function uniqueSections(keys: string[]): string[] {
  return [...new Set(keys)];
}

function splitKey(key: string): [string, string] {
  const cut = key.indexOf('#');
  return [key.slice(0, cut), key.slice(cut + 1)];
}
