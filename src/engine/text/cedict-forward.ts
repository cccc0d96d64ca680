import { headwordCount, headwordIs, type CedictIndexParts } from './cedict-parts.js';

/**
 * CC-CEDICT read forward (headword → its glosses → their gloss keys), made from the
 * reverse index's parts. Everything is a flat typed array over the parts' own ids:
 * a Map of 120 000 headwords and an array of 200 000 string arrays cost some 55 MB
 * of heap and over a second to build; these cost a few MB and tens of milliseconds.
 */
export class CedictForward {
  private constructor(
    private readonly parts: CedictIndexParts,
    /** Open-addressing hash table of headword index + 1 (0: empty slot); its length is a power of two. */
    private readonly slots: Int32Array,
    /** Glosses of headword h: glossIds[glossStart[h] … glossStart[h + 1]), ascending. */
    private readonly glossStart: Int32Array,
    private readonly glossIds: Int32Array,
    /** Keys of gloss g: keys[keyIds[keyStart[g] … keyStart[g + 1])], in postings order. */
    private readonly keyStart: Int32Array,
    private readonly keyIds: Int32Array,
    private readonly keys: readonly string[],
  ) {}

  /** `skipKey`: a postings key that is a mark, not a word of the gloss (the proper-noun list). */
  static build(parts: CedictIndexParts, skipKey: string): CedictForward {
    const { glossHead, headwordText, headwordStart } = parts;
    const heads = headwordCount(parts);
    // At most half full, so probes stay short.
    const slots = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(2, heads * 2))));
    for (let head = 0; head < heads; head++) {
      let slot = hashOf(headwordText, headwordStart[head]!, headwordStart[head + 1]! - 1) & (slots.length - 1);
      while (slots[slot] !== 0) slot = (slot + 1) & (slots.length - 1);
      slots[slot] = head + 1;
    }

    // Index loops throughout: for…of over typed arrays allocates an iterator result per element
    // until the code is optimized, megabytes of garbage over 400 000 postings.
    const glossStart = offsetsOf(heads, (count) => {
      for (let id = 0; id < glossHead.length; id++) count[glossHead[id]!]!++;
    });
    const glossIds = new Int32Array(glossHead.length);
    const glossNext = glossStart.slice(0, -1);
    for (let id = 0; id < glossHead.length; id++) glossIds[glossNext[glossHead[id]!]!++] = id;

    // Key numbers are the parts' own (the Map holds them in order); the skipped key's postings are left out.
    const keys = [...parts.keyIds.keys()];
    const skip = parts.keyIds.get(skipKey) ?? -1;
    const { keyStart: postingStart, postings } = parts;
    const keyStart = offsetsOf(glossHead.length, (count) => {
      for (let k = 0; k < keys.length; k++) if (k !== skip) for (let i = postingStart[k]!; i < postingStart[k + 1]!; i++) count[postings[i]!]!++;
    });
    const keyIds = new Int32Array(keyStart[glossHead.length]!);
    const keyNext = keyStart.slice(0, -1);
    for (let k = 0; k < keys.length; k++) if (k !== skip) for (let i = postingStart[k]!; i < postingStart[k + 1]!; i++) keyIds[keyNext[postings[i]!]!++] = k;
    return new CedictForward(parts, slots, glossStart, glossIds, keyStart, keyIds, keys);
  }

  /** Gloss ids of a headword, ascending; empty for a word CC-CEDICT lacks. */
  glossIdsOf(headword: string): Int32Array {
    const head = this.headIndex(headword);
    return head < 0 ? EMPTY : this.glossIds.subarray(this.glossStart[head]!, this.glossStart[head + 1]!);
  }

  /** The content-word keys of a gloss. */
  keysOf(glossId: number): string[] {
    const out: string[] = [];
    for (let i = this.keyStart[glossId]!; i < this.keyStart[glossId + 1]!; i++) out.push(this.keys[this.keyIds[i]!]!);
    return out;
  }

  private headIndex(headword: string): number {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(headword, 0, headword.length) & mask; this.slots[slot] !== 0; slot = (slot + 1) & mask) {
      const head = this.slots[slot]! - 1;
      if (headwordIs(this.parts, head, headword)) return head;
    }
    return -1;
  }
}

const EMPTY = new Int32Array(0);

/** FNV-1a over the UTF-16 code units of text[start, end): headwords are a few characters long. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

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
