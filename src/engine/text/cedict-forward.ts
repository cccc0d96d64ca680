import type { CedictIndexParts } from './cedict-parts.js';

/**
 * CC-CEDICT read forward (headword → its glosses → their gloss keys), made from the
 * reverse index's parts: flat typed arrays over the parts' own headword, gloss and key numbers;
 * a Map of 120 000 headwords and an array of 200 000 string arrays cost some 55 MB
 * of heap and over a second to build; these cost a few MB and tens of milliseconds.
 */
export class CedictForward {
  private constructor(
    private readonly parts: CedictIndexParts,
    /** Glosses of headword h: glossIds[glossStart[h] … glossStart[h + 1]), ascending. */
    private readonly glossStart: Int32Array,
    private readonly glossIds: Int32Array,
    /** Keys of gloss g: keys[keyIds[keyStart[g] … keyStart[g + 1])], in postings order. */
    private readonly keyStart: Int32Array,
    private readonly keyIds: Int32Array,
  ) {}

  /** `skipKey`: a postings key that is a mark, not a word of the gloss (the proper-noun list). */
  static build(parts: CedictIndexParts, skipKey: string): CedictForward {
    const { glossHead } = parts;
    const heads = parts.headwords.size;

    // Index loops throughout: for…of over typed arrays allocates an iterator result per element
    // until the code is optimized, megabytes of garbage over 400 000 postings.
    const glossStart = offsetsOf(heads, (count) => {
      for (let id = 0; id < glossHead.length; id++) count[glossHead[id]!]!++;
    });
    const glossIds = new Int32Array(glossHead.length);
    const glossNext = glossStart.slice(0, -1);
    for (let id = 0; id < glossHead.length; id++) glossIds[glossNext[glossHead[id]!]!++] = id;

    // Key numbers are the parts' own; the skipped key's postings are left out.
    const keys = parts.keys;
    const skip = keys.indexOf(skipKey);
    const { keyStart: postingStart, postings } = parts;
    const keyStart = offsetsOf(glossHead.length, (count) => {
      for (let k = 0; k < keys.size; k++) if (k !== skip) for (let i = postingStart[k]!; i < postingStart[k + 1]!; i++) count[postings[i]!]!++;
    });
    const keyIds = new Int32Array(keyStart[glossHead.length]!);
    const keyNext = keyStart.slice(0, -1);
    for (let k = 0; k < keys.size; k++) if (k !== skip) for (let i = postingStart[k]!; i < postingStart[k + 1]!; i++) keyIds[keyNext[postings[i]!]!++] = k;
    return new CedictForward(parts, glossStart, glossIds, keyStart, keyIds);
  }

  /** Gloss ids of a headword, ascending; empty for a word CC-CEDICT lacks. */
  glossIdsOf(headword: string): Int32Array {
    const head = this.parts.headwords.indexOf(headword);
    return head < 0 ? EMPTY : this.glossIds.subarray(this.glossStart[head]!, this.glossStart[head + 1]!);
  }

  /** The content-word keys of a gloss. */
  keysOf(glossId: number): string[] {
    const out: string[] = [];
    for (let i = this.keyStart[glossId]!; i < this.keyStart[glossId + 1]!; i++) out.push(this.parts.keys.at(this.keyIds[i]!));
    return out;
  }
}

const EMPTY = new Int32Array(0);

/** Start offsets (length n + 1) from per-slot counts that `countInto` adds up. */
function offsetsOf(n: number, countInto: (count: Int32Array) => void): Int32Array {
  const offsets = new Int32Array(n + 1);
  countInto(offsets);
  let total = 0;
  for (let i = 0; i <= n; i++) {
    const count = offsets[i]!;
    offsets[i] = total;
    total += count;
  }
  return offsets;
}
