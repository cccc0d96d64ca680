const HAN = /\p{Script=Han}/u;
const latinCache = new Map<string, RegExp>();

function latinPattern(term: string): RegExp {
  let re = latinCache.get(term);
  if (!re) {
    if (latinCache.size > 5000) latinCache.clear();
    re = new RegExp(`(^|[^\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u');
    latinCache.set(term, re);
  }
  return re;
}

/**
 * How well a normalized passage contains a search term, 0…1, for picking the
 * sentence to quote. Lenient: Latin stems match at a word start, and a Chinese
 * term missing as a word earns partial credit for its character bigrams.
 */
export function termCredit(term: string, normalizedText: string): number {
  if (HAN.test(term)) {
    if (normalizedText.includes(term)) return 1;
    return bigramCredit(term, normalizedText);
  }
  return latinPattern(term).test(normalizedText) ? 1 : 0;
}

/**
 * How well a section covers a search term, 0…1, for deciding whether the plan
 * answers a question at all. Strict: a term counts when the section has the
 * same word (same stem); a Chinese word segmented differently (中小企业 vs
 * 中小微企业) earns partial credit for shared bigrams, and a single character
 * found only inside another word (开 in 召开) half credit.
 */
export function coverageCredit(term: string, sectionTerms: ReadonlySet<string>, normalizedText: string): number {
  if (sectionTerms.has(term)) return 1;
  if (!HAN.test(term)) {
    // An English phrase of stems (a thesaurus label such as "public health"): every word present.
    return term.includes(' ') && term.split(' ').every((w) => sectionTerms.has(w)) ? 1 : 0;
  }
  if (term.length === 1) return normalizedText.includes(term) ? 0.5 : 0;
  if (normalizedText.includes(term)) return 1;
  return bigramCredit(term, normalizedText);
}

/** Single characters say less about a topic than words: they weigh less in coverage. */
export function coverageWeight(term: string): number {
  return HAN.test(term) && term.length === 1 ? 0.3 : 1;
}

function bigramCredit(term: string, normalizedText: string): number {
  if (term.length < 2) return 0;
  let hits = 0;
  for (let i = 0; i + 1 < term.length; i++) if (normalizedText.includes(term.slice(i, i + 2))) hits++;
  return (hits / (term.length - 1)) * 0.8;
}
