import { Jieba } from '@node-rs/jieba';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { normalizeForSearch } from './normalize.js';
import { isStopword } from './stopwords.js';
import { stemEnglish } from './stem.js';

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  // Read dict.txt ourselves: '@node-rs/jieba/dict.js' also keeps the 6 MB idf.txt in memory, which
  // keyword extraction needs and segmentation does not; the buffer is dropped once jieba has built its trie.
  jieba ??= Jieba.withDict(readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt')));
  return jieba;
}

const HAN = /\p{Script=Han}/u;
const WORDLIKE = /[\p{L}\p{N}]/u;
const HAN_OR_NOT = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;

/**
 * Search terms of a text: normalized to simplified Chinese, segmented by jieba,
 * stopwords and punctuation removed, English words stemmed. Used for BM25 and
 * for measuring how much of a question the plan covers.
 */
export function searchTerms(text: string): string[] {
  const normalized = normalizeForSearch(text);
  const terms: string[] = [];
  // jieba segments the Han runs; other text is split into words by Unicode letters, as
  // jieba would cut accented Latin words (Vietnamese "hoạch") into letters.
  for (const run of normalized.match(HAN_OR_NOT) ?? []) {
    if (HAN.test(run)) {
      for (const raw of segmenter().cut(run, false)) {
        const token = raw.trim();
        if (token && WORDLIKE.test(token) && !isStopword(token)) terms.push(token);
      }
      continue;
    }
    for (const word of run.split(/[^\p{L}\p{N}]+/u)) {
      if (!word || isStopword(word)) continue;
      terms.push(/^\p{N}+$/u.test(word) ? word : stemEnglish(word));
    }
  }
  return terms;
}

/** Character bigrams of the Han runs in a text (normalized), a segmentation-free signal. */
export function hanBigrams(text: string): string[] {
  const normalized = normalizeForSearch(text);
  const grams: string[] = [];
  for (const run of normalized.match(/\p{Script=Han}+/gu) ?? []) {
    if (run.length === 1) grams.push(run);
    for (let i = 0; i + 1 < run.length; i++) grams.push(run.slice(i, i + 2));
  }
  return grams;
}

/** jieba's part-of-speech tag of one word ('x' when it is not read as a single word). */
export function wordTag(word: string): string {
  const tagged = segmenter().tag(word, false);
  return tagged.length === 1 ? tagged[0]!.tag : 'x';
}

/**
 * Offsets in a normalized text where a word may start or end (Han runs only): where
 * jieba starts or ends one, and inside a compound jieba keeps whole where both parts
 * are at least two characters (砍伐|森林, 公司|员工) — but not 水电|费, a word of its own.
 */
export function wordBoundaries(normalized: string): Set<number> {
  const bounds = new Set<number>();
  for (const m of normalized.matchAll(/\p{Script=Han}+/gu)) {
    let at = m.index;
    bounds.add(at);
    for (const word of segmenter().cut(m[0], false)) {
      for (let p = 2; p <= word.length - 2; p++) bounds.add(at + p);
      at += word.length;
      bounds.add(at);
    }
  }
  return bounds;
}
