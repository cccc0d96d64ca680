import type { StringTable } from './string-table.js';

/**
 * The English → Chinese gloss index as a few flat pieces, close to how the cache file
 * stores them: 120 000 headwords and 35 000 gloss keys as two string tables, and the
 * 35 000 postings lists as one typed array. Kept as separate strings, a Map and
 * typed-array views they cost some 12 MB of heap for the life of the process.
 */
export interface CedictIndexParts {
  /** Simplified headwords; a headword's index is its number everywhere below. */
  headwords: StringTable;
  /** headword index → number of indexed glosses */
  glossCount: Uint16Array;
  /** gloss id → headword index */
  glossHead: Int32Array;
  /** gloss id → number of content words */
  glossLength: Uint8Array;
  /** Gloss keys, in the order they were first met while building. */
  keys: StringTable;
  /** key number → where its postings start in `postings`; one more entry, the total. */
  keyStart: Uint32Array;
  /** The postings of every key, one after another: ascending gloss ids containing it. */
  postings: Int32Array;
}

/** Ascending gloss ids of a gloss key, or undefined for a key no gloss has. */
export function postingsOf(parts: CedictIndexParts, key: string): Int32Array | undefined {
  const k = parts.keys.indexOf(key);
  return k < 0 ? undefined : parts.postings.subarray(parts.keyStart[k]!, parts.keyStart[k + 1]!);
}
