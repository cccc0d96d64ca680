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
 * How well a normalized text contains a search term, 0…1. A Chinese term missing
 * as a word still earns partial credit for its character bigrams (中小企业 in
 * 中小微企业), since question and text can be segmented differently. Latin terms
 * are stems and must start a word.
 */
export function termCredit(term: string, normalizedText: string): number {
  if (HAN.test(term)) {
    if (normalizedText.includes(term)) return 1;
    if (term.length < 2) return 0;
    let hits = 0;
    for (let i = 0; i + 1 < term.length; i++) if (normalizedText.includes(term.slice(i, i + 2))) hits++;
    return (hits / (term.length - 1)) * 0.8;
  }
  return latinPattern(term).test(normalizedText) ? 1 : 0;
}
