import type { KnowledgeBase } from '../index/knowledge-base.js';
import { sharedCedictIndex, type CedictIndex } from '../text/cedict.js';
import { isShapeWord } from '../text/word-class.js';
import type { Bridge } from './bridge.js';
import { indexVocabulary, scoreCandidates } from './dictionary-bridge.js';
import type { QueryExpander, QueryExpansion } from './retriever.js';

/**
 * The gloss bridge: a Chinese question word the indexed documents do not have
 * (商量, 大学) is carried to index words that CC-CEDICT glosses the same way
 * (协商 "to consult", 高校 "universities and colleges"). It is a loose link: its
 * terms count only toward a "related" answer, and the answer shows it ("商量 → 协商").
 * Words the index has, or has inside a longer word, are never bridged.
 */
export interface GlossBridgeOptions {
  /** The dictionary; default: CC-CEDICT from the cc-cedict package, loaded on first use. */
  dictionary?: () => CedictIndex | Error;
  /** At most this many index words per question word. */
  maxTermsPerWord?: number;
}

/** A gloss of more words than this is a definition, not a synonym to match on. */
const MAX_GLOSS_WORDS = 3;
/** The index word's gloss must be mostly the shared words ("to consult", not "to consult a doctor about a disease"). */
const MIN_SPECIFICITY = 0.5;
/** Two hops through English lose meaning: a candidate's dictionary weight is scaled by this. */
const GLOSS_FACTOR = 0.5;
/** Candidates weighing less than this (after GLOSS_FACTOR) are dropped. */
const MIN_WEIGHT = 0.12;
/** Glosses of a negated word lose their "not" as a stopword (不会 "not able" is no "able"). */
const NEGATED = /^[不没沒无無非未别別]/u;
const HAN_WORD = /^\p{Script=Han}{2,}$/u;

/**
 * Chinese synonyms usually share a character (商量 ↔ 协商, 修复 ↔ 修缮); a word sharing
 * none is another sense more often than not (大国 "power" ↔ 电力 "power", 升格 "promote" ↔
 * 促进): only index words sharing a character with the question word are taken.
 */
function sharesCharacter(a: string, b: string): boolean {
  for (const ch of a) if (b.includes(ch)) return true;
  return false;
}

export function createGlossBridge(options: GlossBridgeOptions = {}): QueryExpander {
  const load = options.dictionary ?? sharedCedictIndex;
  const maxTermsPerWord = options.maxTermsPerWord ?? 2;

  return (_question: string, terms: readonly string[], kb: KnowledgeBase): QueryExpansion => {
    const expansion: QueryExpansion = { terms: new Map(), standsFor: new Map(), bridges: [] };
    const vocabulary = indexVocabulary(kb);
    const unknown = [...new Set(terms)].filter((t) => HAN_WORD.test(t) && !NEGATED.test(t) && !vocabulary.knows(t) && !isShapeWord(t));
    if (unknown.length === 0) return expansion;
    const dictionary = load();
    if (dictionary instanceof Error) return expansion;
    const bridges = expansion.bridges as Bridge[];
    for (const word of unknown) {
      const candidates = new Map<string, number>();
      for (const keys of dictionary.glossesOf(word)) {
        if (keys.length === 0 || keys.length > MAX_GLOSS_WORDS) continue;
        const matches = dictionary.lookup(keys).filter((m) => m.headword !== word && m.specificity >= MIN_SPECIFICITY);
        for (const [term, weight] of scoreCandidates(matches, vocabulary, keys.length === 1)) {
          if (term.length < 2 || term === word || !sharesCharacter(word, term)) continue;
          if (weight > (candidates.get(term) ?? 0)) candidates.set(term, weight);
        }
      }
      const best = [...candidates]
        .map(([term, w]): [string, number] => [term, w * GLOSS_FACTOR])
        .filter(([, w]) => w >= MIN_WEIGHT)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, maxTermsPerWord);
      for (const [term, weight] of best) {
        if (weight > (expansion.terms.get(term) ?? 0)) expansion.terms.set(term, weight);
        const sources = expansion.standsFor!.get(term) ?? [];
        if (!sources.includes(word)) expansion.standsFor!.set(term, [...sources, word]);
        bridges.push({ from: word, to: term, via: 'dictionary', relation: 'related', terms: [term] });
      }
    }
    return expansion;
  };
}
