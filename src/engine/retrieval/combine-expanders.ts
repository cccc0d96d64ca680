import type { KnowledgeBase } from '../index/knowledge-base.js';
import type { Bridge } from './bridge.js';
import type { QueryExpander, QueryExpansion } from './retriever.js';

/**
 * Several query expanders as one (taught synonyms, the thesaurus, the dictionary bridge):
 * terms keep the highest weight any expander gave them, stand-ins and bridges are merged.
 * Earlier expanders win ties, so list the most trusted source first.
 */
export function combineExpanders(...expanders: readonly (QueryExpander | undefined)[]): QueryExpander | undefined {
  const present = expanders.filter((e): e is QueryExpander => e !== undefined);
  if (present.length <= 1) return present[0];
  return (question: string, terms: readonly string[], kb: KnowledgeBase): QueryExpansion => {
    const combined: QueryExpansion = { terms: new Map(), standsFor: new Map(), bridges: [], rankOnly: new Set() };
    for (const expander of present) {
      const raw = expander(question, terms, kb);
      const expansion: QueryExpansion = raw instanceof Map ? { terms: raw } : raw;
      for (const [term, weight] of expansion.terms) {
        if (weight > (combined.terms.get(term) ?? 0)) combined.terms.set(term, weight);
      }
      for (const [term, sources] of expansion.standsFor ?? []) {
        const known = combined.standsFor!.get(term) ?? [];
        combined.standsFor!.set(term, [...new Set([...known, ...sources])]);
      }
      for (const term of expansion.rankOnly ?? []) (combined.rankOnly as Set<string>).add(term);
      for (const bridge of expansion.bridges ?? []) {
        if (!combined.bridges!.some((b) => b.from === bridge.from && b.to === bridge.to)) (combined.bridges as Bridge[]).push(bridge);
      }
    }
    // A term some expander counts for coverage is not rank-only.
    for (const term of combined.standsFor!.keys()) (combined.rankOnly as Set<string>).delete(term);
    return combined;
  };
}
