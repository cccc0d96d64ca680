import type { KnowledgeBase } from '../index/knowledge-base.js';
import { detectLanguage } from '../text/language.js';
import { glossKey, sharedCedictIndex, type CedictIndex, type GlossMatch } from '../text/cedict.js';
import { normalizeForSearch } from '../text/normalize.js';
import { searchTerms } from '../text/segment.js';
import { stemEnglish } from '../text/stem.js';
import { isStopword } from '../text/stopwords.js';
import type { QueryExpander, QueryExpansion } from './retriever.js';

/**
 * The dictionary bridge: English question words → Chinese words of the indexed
 * documents, through CC-CEDICT glosses. It needs no translation of the documents,
 * so a Chinese document is searchable in English as soon as it is indexed.
 *
 * For each English word, and each run of two or three words ("foreign minister"),
 * the headwords whose glosses contain them are scored by
 *   specificity — how much of the gloss the words make up ("funds" 1, "public funds" ½), and
 *   share       — how much of the headword's meaning that gloss is (资金 "funds; capital"
 *                 is half about funds; 金 "gold; metal; money; …" much less about money).
 * A headword counts only through words of the index that carry it:
 *   the word itself;
 *   an indexed word containing it (基金 in 专项基金), scaled by how much of it it is;
 *   the indexed words it is made of (电信诈骗 "telecom fraud" → 电信 + 诈骗), when the
 *   document's segmentation split it.
 * And an indexed word all of whose characters gloss the English word (资 and 金 both
 * gloss "money", so 资金) counts at a lower weight: Chinese often pairs synonyms.
 * The best few per English word become extra search terms that stand in for it
 * when coverage is measured; BM25 then weighs each by its IDF like any other term.
 */
export interface DictionaryBridgeOptions {
  /** The dictionary; default: CC-CEDICT from the cc-cedict package, loaded on first use. */
  dictionary?: () => CedictIndex | Error;
  /** At most this many Chinese terms per English word or phrase. */
  maxTermsPerWord?: number;
  /** Candidates weighing less than this are dropped. */
  minWeight?: number;
  /** Told once when the dictionary cannot be loaded (English search then runs without it). */
  onUnavailable?: (error: Error) => void;
}

const DEFAULTS = { maxTermsPerWord: 3, minWeight: 0.2 };
const MAX_PHRASE = 3;
/** A phrase counts only when it is at least this much of a gloss (not two words lost in a long definition). */
const MIN_PHRASE_SPECIFICITY = 0.5;
/** Weight of a word found only through its characters (资金 from 资 + 金 for "money"). */
const COMPOSED_WEIGHT = 0.5;
/** A word that finds nothing in the index is tried as a clipped form ('telecom' for telecommunications) at this discount. */
const CLIPPED_FACTOR = 0.8;
const MIN_CLIPPED_LENGTH = 5;
/** Splitting a headword into indexed words is tried only for matches at least this good. */
const MIN_SPLIT_SCORE = 0.5;
const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;
const HAN_WORD = /^\p{Script=Han}+$/u;

/** The Han words of an index, looked up by the pieces and characters they contain. Built once per index version. */
export class Vocabulary {
  private readonly containing = new Map<string, string[]>();
  private readonly byChar = new Map<string, string[]>();
  private readonly splits = new Map<string, string[] | null>();

  constructor(readonly kb: KnowledgeBase) {
    for (const term of Object.keys(kb.bm25.data.postings)) {
      if (term.length < 2 || term.length > 12 || !HAN_WORD.test(term)) continue;
      for (const ch of new Set(term)) push(this.byChar, ch, term);
      const pieces = new Set<string>();
      for (let len = 2; len < term.length; len++) for (let i = 0; i + len <= term.length; i++) pieces.add(term.slice(i, i + len));
      for (const piece of pieces) push(this.containing, piece, term);
    }
  }

  /** True when the index has this word, or a word containing it. */
  knows(word: string): boolean {
    return this.kb.bm25.has(word) || this.containing.has(word);
  }

  /** Index words carrying a headword, each with how much of the headword's meaning it carries. */
  carriers(headword: string, score: number): [string, number][] {
    const out: [string, number][] = [];
    if (this.kb.bm25.has(headword)) out.push([headword, 1]);
    if (headword.length >= 2) for (const term of this.containing.get(headword) ?? []) out.push([term, headword.length / term.length]);
    if (out.length === 0 && headword.length >= 3 && score >= MIN_SPLIT_SCORE) {
      for (const piece of this.split(headword) ?? []) out.push([piece, Math.max(0.5, piece.length / headword.length)]);
    }
    return out;
  }

  /** Index words made only of the given characters (at least two characters long). */
  composedOf(chars: ReadonlySet<string>): string[] {
    const out = new Set<string>();
    for (const ch of chars) {
      for (const term of this.byChar.get(ch) ?? []) if (term.length <= 4 && [...term].every((c) => chars.has(c))) out.add(term);
    }
    return [...out];
  }

  /** A headword's segmentation when every piece is an indexed word of two or more characters. */
  private split(headword: string): string[] | null {
    let pieces = this.splits.get(headword);
    if (pieces === undefined) {
      const parts = searchTerms(headword);
      pieces = parts.length >= 2 && parts.join('') === headword && parts.every((p) => p.length >= 2 && this.kb.bm25.has(p)) ? parts : null;
      if (this.splits.size > 50_000) this.splits.clear();
      this.splits.set(headword, pieces);
    }
    return pieces;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** True for questions written mostly in Latin letters; Chinese questions need no bridge. */
export function isLatinQuestion(question: string): boolean {
  const han = question.match(HAN)?.length ?? 0;
  const latin = question.match(LATIN)?.length ?? 0;
  return latin > 0 && han * 2 < latin;
}

/** The bridge reads English only: not Chinese, nor Vietnamese or other Latin-script languages. */
function isEnglishQuestion(question: string): boolean {
  return isLatinQuestion(question) && detectLanguage(question).lang === 'en';
}

/** An English content word of the question: its search term (as the retriever has it) and its gloss key. */
interface QuestionWord {
  term: string;
  key: string;
}

/** The question's English content words in order, each tied to the search term the retriever uses for it. */
function questionWords(question: string, terms: readonly string[]): QuestionWord[] {
  const known = new Set(terms);
  const out: QuestionWord[] = [];
  for (const word of normalizeForSearch(question).match(/[a-z][a-z0-9]*/g) ?? []) {
    if (isStopword(word)) continue;
    const term = stemEnglish(word);
    const key = glossKey(word);
    if (key && known.has(term)) out.push({ term, key });
  }
  return out;
}

const vocabularies = new WeakMap<KnowledgeBase, Vocabulary>();

/** The Han vocabulary of an index version, made once and shared by the bridges. */
export function indexVocabulary(kb: KnowledgeBase): Vocabulary {
  let vocabulary = vocabularies.get(kb);
  if (!vocabulary) vocabularies.set(kb, (vocabulary = new Vocabulary(kb)));
  return vocabulary;
}

export function createDictionaryBridge(options: DictionaryBridgeOptions = {}): QueryExpander {
  const { maxTermsPerWord, minWeight } = { ...DEFAULTS, ...options };
  const load = options.dictionary ?? sharedCedictIndex;
  let warned = false;

  return (question: string, terms: readonly string[], kb: KnowledgeBase): QueryExpansion => {
    const expansion: QueryExpansion = { terms: new Map(), standsFor: new Map() };
    if (!isEnglishQuestion(question)) return expansion;
    const words = questionWords(question, terms);
    if (words.length === 0) return expansion;
    const dictionary = load();
    if (dictionary instanceof Error) {
      if (!warned) options.onUnavailable?.(dictionary);
      warned = true;
      return expansion;
    }
    const vocabulary = indexVocabulary(kb);

    const standsFor = new Map<string, Set<string>>();
    const seen = new Set<string>();
    for (let n = Math.min(MAX_PHRASE, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const phrase = words.slice(i, i + n);
        const keys = phrase.map((w) => w.key);
        const id = keys.join(' ');
        if (seen.has(id) || new Set(keys).size < n) continue;
        seen.add(id);
        const matches = dictionary.lookup(keys).filter((m) => n === 1 || m.specificity >= MIN_PHRASE_SPECIFICITY);
        let candidates = scoreCandidates(matches, vocabulary, n === 1);
        if (n === 1 && candidates.size === 0 && keys[0]!.length >= MIN_CLIPPED_LENGTH) {
          candidates = new Map();
          for (const longer of dictionary.keysExtending(keys[0]!)) {
            for (const [term, w] of scoreCandidates(dictionary.lookup([longer]), vocabulary, true)) {
              if (w * CLIPPED_FACTOR > (candidates.get(term) ?? 0)) candidates.set(term, w * CLIPPED_FACTOR);
            }
          }
        }
        const best = [...candidates].filter(([, w]) => w >= minWeight).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, maxTermsPerWord);
        for (const [term, weight] of best) {
          if (weight > (expansion.terms.get(term) ?? 0)) expansion.terms.set(term, weight);
          const sources = standsFor.get(term) ?? new Set<string>();
          for (const w of phrase) sources.add(w.term);
          standsFor.set(term, sources);
        }
      }
    }
    for (const [term, sources] of standsFor) expansion.standsFor!.set(term, [...sources]);
    return expansion;
  };
}

/** Index words for one English word or phrase, each with its best weight. */
export function scoreCandidates(matches: readonly GlossMatch[], vocabulary: Vocabulary, single: boolean): Map<string, number> {
  const candidates = new Map<string, number>();
  const offer = (term: string, weight: number) => {
    if (weight > (candidates.get(term) ?? 0)) candidates.set(term, weight);
  };
  const chars = new Map<string, number>();
  for (const match of matches) {
    const score = match.specificity * Math.sqrt(match.share);
    for (const [term, part] of vocabulary.carriers(match.headword, score)) offer(term, score * part);
    if (single && match.headword.length === 1 && match.specificity >= 0.5) chars.set(match.headword, match.specificity);
  }
  if (chars.size >= 2) {
    for (const term of vocabulary.composedOf(new Set(chars.keys()))) {
      const mean = [...term].reduce((sum, c) => sum + chars.get(c)!, 0) / term.length;
      offer(term, COMPOSED_WEIGHT * mean);
    }
  }
  return candidates;
}
