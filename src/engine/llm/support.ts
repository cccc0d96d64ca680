import { coverageCredit, coverageWeight } from '../retrieval/term-match.js';
import { normalizeForSearch } from '../text/normalize.js';
import { searchTerms } from '../text/segment.js';

/**
 * Whether a section supports a model's sentence by its words, when the sentence
 * quotes nothing: the sentence's distinctive terms (segmented, normalized, each
 * weighted by its IDF in the plan, so 計畫 or "plan" count little and 月球 a lot)
 * must mostly be found in the section (original or translation).
 */

/** Share of a claim's IDF-weighted terms the section must contain. */
export const MIN_SUPPORT = 0.5;
/** A claim with fewer terms than this says too little to check: its sentence is taken with the one before. */
export const MIN_CLAIM_TERMS = 2;

/** How rare a term is in the plan; unknown terms are the rarest (the plan never uses them). */
export type TermWeight = (term: string) => number;

/** A section's words, prepared once per reply (streaming checks the same sections many times). */
export interface SectionWords {
  terms: ReadonlySet<string>;
  normalized: string;
}

export function sectionWords(texts: readonly string[]): SectionWords {
  const terms = new Set<string>();
  for (const text of texts) for (const t of searchTerms(text)) terms.add(t);
  return { terms, normalized: texts.map(normalizeForSearch).join('\n') };
}

/**
 * The distinct search terms of a claim. A streamed reply is checked again at every
 * piece, with the same sentences before each marker: they are segmented once.
 */
export function claimTerms(claim: string): string[] {
  let terms = termCache.get(claim);
  if (!terms) {
    if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
    terms = [...new Set(searchTerms(claim))];
    termCache.set(claim, terms);
  }
  return terms;
}

const TERM_CACHE_SIZE = 2000;
const termCache = new Map<string, string[]>();

/** 0…1: the IDF-weighted share of the claim's terms the section contains (1 for a claim with no terms). */
export function supportScore(terms: readonly string[], section: SectionWords, weight: TermWeight = () => 1): number {
  let total = 0;
  let found = 0;
  for (const term of terms) {
    const w = weight(term) * coverageWeight(term);
    total += w;
    found += w * coverageCredit(term, section.terms, section.normalized);
  }
  return total === 0 ? 1 : found / total;
}
