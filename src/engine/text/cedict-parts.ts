/**
 * The English → Chinese gloss index as a few flat pieces, exactly as the cache file
 * stores them: 120 000 headwords as one string and 35 000 postings lists as one
 * typed array. Kept as separate strings and typed-array views they cost some 12 MB
 * of heap for the life of the process; so they cost about 4 MB.
 */
export interface CedictIndexParts {
  /** Simplified headwords, each followed by '\n'. */
  headwordText: string;
  /** headword index → where it starts in headwordText; one more entry, the text's length. */
  headwordStart: Uint32Array;
  /** headword index → number of indexed glosses */
  glossCount: Uint16Array;
  /** gloss id → headword index */
  glossHead: Int32Array;
  /** gloss id → number of content words */
  glossLength: Uint8Array;
  /** gloss key → key number (in the order the keys were first met while building) */
  keyIds: Map<string, number>;
  /** key number → where its postings start in `postings`; one more entry, the total. */
  keyStart: Uint32Array;
  /** The postings of every key, one after another: ascending gloss ids containing it. */
  postings: Int32Array;
}

/** The simplified headword with this index. */
export function headwordAt(parts: CedictIndexParts, head: number): string {
  return parts.headwordText.slice(parts.headwordStart[head]!, parts.headwordStart[head + 1]! - 1);
}

/** True when headword `head` is `word`, without making a string of it. */
export function headwordIs(parts: CedictIndexParts, head: number, word: string): boolean {
  const start = parts.headwordStart[head]!;
  return parts.headwordStart[head + 1]! - 1 - start === word.length && parts.headwordText.startsWith(word, start);
}

export function headwordCount(parts: CedictIndexParts): number {
  return parts.headwordStart.length - 1;
}

/** Ascending gloss ids of key number k. */
function postingsAt(parts: CedictIndexParts, k: number): Int32Array {
  return parts.postings.subarray(parts.keyStart[k]!, parts.keyStart[k + 1]!);
}

/** Ascending gloss ids of a gloss key, or undefined for a key no gloss has. */
export function postingsOf(parts: CedictIndexParts, key: string): Int32Array | undefined {
  const k = parts.keyIds.get(key);
  return k === undefined ? undefined : postingsAt(parts, k);
}

/** The starts of '\n'-terminated lines, and one more entry for the end. */
export function lineStarts(text: string, count: number): Uint32Array {
  const starts = new Uint32Array(count + 1);
  let at = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = at;
    const end = text.indexOf('\n', at);
    if (end < 0) throw new Error('headword text has fewer lines than headwords');
    at = end + 1;
  }
  starts[count] = at;
  return starts;
}
