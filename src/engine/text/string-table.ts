/**
 * A fixed list of strings kept as one text ('\n' after each) with start offsets, found
 * by an open-addressing hash table made on the first search. For the 120 000 CC-CEDICT
 * headwords and 35 000 gloss keys it costs a fraction of separate strings in a Map.
 * Entries must not contain '\n'.
 */
export class StringTable {
  /** Entry i is text[starts[i], starts[i + 1] - 1). */
  private readonly starts: Uint32Array;
  /** Entry index + 1 per slot (0: empty); a power of two long, at most half full. */
  private slots: Int32Array | undefined;

  constructor(
    /** The entries, each followed by '\n'. */
    readonly text: string,
    count: number,
  ) {
    this.starts = lineStarts(text, count);
  }

  static of(entries: readonly string[]): StringTable {
    return new StringTable(entries.map((entry) => `${entry}\n`).join(''), entries.length);
  }

  get size(): number {
    return this.starts.length - 1;
  }

  at(i: number): string {
    return this.text.slice(this.starts[i]!, this.starts[i + 1]! - 1);
  }

  /** Whether entry i starts with `prefix` and is longer than it. */
  extends(i: number, prefix: string): boolean {
    return this.starts[i + 1]! - 1 - this.starts[i]! > prefix.length && this.text.startsWith(prefix, this.starts[i]!);
  }

  /** The index of an entry, or -1. */
  indexOf(word: string): number {
    const slots = (this.slots ??= this.hashAll());
    const mask = slots.length - 1;
    for (let slot = hashOf(word, 0, word.length) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
      const i = slots[slot]! - 1;
      if (this.is(i, word)) return i;
    }
    return -1;
  }

  private is(i: number, word: string): boolean {
    const start = this.starts[i]!;
    return this.starts[i + 1]! - 1 - start === word.length && this.text.startsWith(word, start);
  }

  private hashAll(): Int32Array {
    const slots = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(2, this.size * 2))));
    const mask = slots.length - 1;
    for (let i = 0; i < this.size; i++) {
      let slot = hashOf(this.text, this.starts[i]!, this.starts[i + 1]! - 1) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    return slots;
  }
}

/** FNV-1a over the UTF-16 code units of text[start, end): entries are a few characters long. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The starts of `count` '\n'-terminated lines, and one more entry for the end. */
function lineStarts(text: string, count: number): Uint32Array {
  const starts = new Uint32Array(count + 1);
  let at = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = at;
    const end = text.indexOf('\n', at);
    if (end < 0) throw new Error(`a string table of ${count} entries holds only ${i}`);
    at = end + 1;
  }
  if (at !== text.length) throw new Error(`a string table of ${count} entries holds more`);
  starts[count] = at;
  return starts;
}
