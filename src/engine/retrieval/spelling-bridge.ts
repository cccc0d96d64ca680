import type { KnowledgeBase } from '../index/knowledge-base.js';
import { sharedCedictIndex, type CedictIndex } from '../text/cedict.js';
import type { QueryExpander, QueryExpansion } from './retriever.js';

/**
 * Spelling tolerance for English: a question word that neither the index nor the
 * dictionary knows ("helth") stands for the index words one edit away from it
 * (a letter left out, added, changed or two swapped: "health"). Words the
 * dictionary knows are never corrected (a real word is what the asker meant).
 */
export interface SpellingBridgeOptions {
  dictionary?: () => CedictIndex | Error;
}

/** Shorter words have too many neighbours one edit away. */
const MIN_LENGTH = 5;
/** A corrected word counts for a little less than the word itself. */
const CORRECTION_WEIGHT = 0.8;
/** Only a misspelling with one likely reading is corrected. */
const MAX_CANDIDATES = 1;
const LATIN_WORD = /^[a-z]+$/;

/** Index words by their one-letter deletions (symmetric delete), made once per index version. */
class Neighbours {
  private readonly byDeletion = new Map<string, string[]>();

  constructor(kb: KnowledgeBase) {
    for (const term of Object.keys(kb.bm25.data.postings)) {
      if (term.length < MIN_LENGTH - 1 || !LATIN_WORD.test(term)) continue;
      for (const key of deletions(term)) {
        const list = this.byDeletion.get(key);
        if (list) list.push(term);
        else this.byDeletion.set(key, [term]);
      }
    }
  }

  /** Index words one edit away from a word. */
  near(word: string): string[] {
    const out = new Set<string>();
    for (const key of deletions(word)) for (const term of this.byDeletion.get(key) ?? []) if (term !== word && oneEditApart(word, term)) out.add(term);
    return [...out];
  }
}

/** The word itself and the word with each one letter left out. */
function deletions(word: string): Set<string> {
  const out = new Set<string>([word]);
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True for words one insertion, deletion, substitution or swap of neighbours apart. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function createSpellingBridge(options: SpellingBridgeOptions = {}): QueryExpander {
  const load = options.dictionary ?? sharedCedictIndex;
  const neighbours = new WeakMap<KnowledgeBase, Neighbours>();

  return (_question: string, terms: readonly string[], kb: KnowledgeBase): QueryExpansion => {
    const expansion: QueryExpansion = { terms: new Map(), standsFor: new Map() };
    const unknown = terms.filter((t) => t.length >= MIN_LENGTH && LATIN_WORD.test(t) && !kb.bm25.has(t));
    if (unknown.length === 0) return expansion;
    const dictionary = load();
    if (dictionary instanceof Error) return expansion;
    let near = neighbours.get(kb);
    if (!near) neighbours.set(kb, (near = new Neighbours(kb)));
    for (const word of unknown) {
      if (dictionary.glossFrequency(word) > 0) continue;
      const candidates = near.near(word);
      if (candidates.length === 0 || candidates.length > MAX_CANDIDATES) continue;
      for (const term of candidates) {
        expansion.terms.set(term, Math.max(expansion.terms.get(term) ?? 0, CORRECTION_WEIGHT));
        expansion.standsFor!.set(term, [...new Set([...(expansion.standsFor!.get(term) ?? []), word])]);
      }
    }
    return expansion;
  };
}
