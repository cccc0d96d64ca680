import { describe, expect, it } from 'vitest';
import { StringTable } from '../../src/engine/text/string-table.js';

describe('a string table', () => {
  const words = ['资金', '资', '基金', 'fund', 'fundament', 'funds', '𠮷野'];
  const table = StringTable.of(words);

  it('finds every entry by its text, and nothing else', () => {
    words.forEach((word, i) => {
      expect(table.indexOf(word)).toBe(i);
      expect(table.at(i)).toBe(word);
    });
    expect(table.size).toBe(words.length);
    for (const absent of ['金', '资金金', 'fun', '', '𠮷']) expect(table.indexOf(absent)).toBe(-1);
  });

  it('tells the entries that extend a prefix (longer than it, not equal to it)', () => {
    expect(words.filter((_w, i) => table.extends(i, 'fund'))).toEqual(['fundament', 'funds']);
  });

  it('refuses text that holds fewer or more entries than it is told', () => {
    expect(() => new StringTable('a\nb\n', 3)).toThrow(/holds only 2/);
    expect(() => new StringTable('a\nb\nc\n', 2)).toThrow(/holds more/);
    expect(new StringTable('', 0).indexOf('a')).toBe(-1);
  });
});
