import type { Bridge } from '../../engine/retrieval/bridge.js';
import type { QueryExpander, QueryExpansion } from '../../engine/retrieval/retriever.js';
import { normalizeForSearch } from '../../engine/text/normalize.js';
import { searchTerms } from '../../engine/text/segment.js';
import type { TaughtSynonym } from './store.js';

/** A taught term ready to be found in questions, with the plan's words it stands for. */
interface CompiledTerm {
  /** The term as first taught (shown when the question's own spelling cannot be recovered). */
  term: string;
  key: string;
  /** Latin terms match whole words (or their stems) only: "port" must not fire inside "support". */
  pattern?: RegExp;
  /** The term's own search terms (English stems), to find the question terms it covers. */
  keyTerms: string[];
  targets: { target: string; terms: string[] }[];
}

const HAN = /\p{Script=Han}/u;

/** Groups pairs by term and prepares them for matching (done once per change of the list, not per question). */
export function compileSynonyms(pairs: readonly TaughtSynonym[]): CompiledTerm[] {
  const byKey = new Map<string, CompiledTerm>();
  for (const pair of pairs) {
    let compiled = byKey.get(pair.termKey);
    if (!compiled) {
      const escaped = pair.termKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      compiled = {
        term: pair.term,
        key: pair.termKey,
        keyTerms: searchTerms(pair.termKey),
        targets: [],
        ...(HAN.test(pair.termKey) ? {} : { pattern: new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}(?=$|[^\\p{L}\\p{N}])`, 'u') }),
      };
      byKey.set(pair.termKey, compiled);
    }
    compiled.targets.push({ target: pair.target, terms: searchTerms(pair.target) });
  }
  return [...byKey.values()];
}

/**
 * The expander of taught synonyms: a question containing a taught term (Chinese:
 * after the same OpenCC normalization as the index, so 颱風 matches 台风; English:
 * whole words, any case) is also searched with the term's targets, which stand in
 * for the question's word with full credit, and the bridge is reported ("颱風 → 災害").
 */
export function taughtExpander(terms: () => readonly CompiledTerm[]): QueryExpander {
  return (question, baseTerms): QueryExpansion => {
    const expansion = { terms: new Map<string, number>(), standsFor: new Map<string, string[]>(), bridges: [] as Bridge[] };
    const compiled = terms();
    if (compiled.length === 0) return expansion;
    const normalized = normalizeForSearch(question);
    const base = new Set(baseTerms);
    for (const entry of compiled) {
      const at = findTerm(entry, normalized);
      // English also matches by stems, so a taught "typhoon" covers "typhoons".
      const byStems = Boolean(entry.pattern) && entry.keyTerms.length > 0 && entry.keyTerms.every((t) => base.has(t));
      if (at < 0 && !byStems) continue;
      // The question's terms that the taught word is made of (jieba may cut an unknown word into pieces).
      const sources = entry.pattern
        ? entry.keyTerms.filter((t) => base.has(t))
        : baseTerms.filter((t) => entry.key.includes(t) || t.includes(entry.key));
      // OpenCC keeps lengths for these words, so the asker's own spelling can be shown.
      const from = at >= 0 && normalized.length === question.length ? question.slice(at, at + entry.key.length).trim() || entry.term : entry.term;
      for (const { target, terms: targetTerms } of entry.targets) {
        // A question that already has the plan's word needs no bridge to it.
        const added = targetTerms.filter((term) => !base.has(term));
        for (const term of added) {
          expansion.terms.set(term, 1);
          if (sources.length > 0) expansion.standsFor.set(term, [...new Set([...(expansion.standsFor.get(term) ?? []), ...sources])]);
        }
        if (added.length > 0) expansion.bridges.push({ from, to: target, via: 'taught', relation: 'synonym' });
      }
    }
    return expansion;
  };
}

function findTerm(entry: CompiledTerm, normalized: string): number {
  if (!entry.pattern) return normalized.indexOf(entry.key);
  const match = entry.pattern.exec(normalized);
  return match ? match.index + match[1]!.length : -1;
}
