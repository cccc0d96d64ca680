import { describe, expect, it } from 'vitest';
import { chunkDocument, splitSentences } from '../../src/engine/corpus/chunk.js';
import { parseDocument } from '../../src/engine/corpus/parse.js';

describe('chunking', () => {
  it('splits sentences after Chinese and Latin end marks, keeping the marks', () => {
    expect(splitSentences('甲。乙!丙?Done. 丁;戊')).toEqual(['甲。', '乙!', '丙?', 'Done.', '丁;', '戊']);
    expect(splitSentences('See 4.2.3 for 2.5% growth. Next one.')).toEqual(['See 4.2.3 for 2.5% growth.', 'Next one.']);
  });

  it('makes one chunk per section, carrying its section id and heading path', () => {
    const doc = parseDocument('一、總則\n1.1 目的。說明目的。\n二、合作\n2.1 水資源。加強合作。', { docId: 'd', title: 'd', language: 'zh-Hant' });
    const chunks = chunkDocument(doc, []);
    const byId = new Map(chunks.map((c) => [c.sectionId, c]));
    expect(byId.get('2.1')!.headingPath).toEqual(['合作', '水資源']);
    expect(chunks.filter((c) => c.sectionId === '2.1')).toHaveLength(1);
    // A heading-only chapter is findable by what it contains.
    expect(byId.get('2')!.text).toContain('水資源');
  });

  it('splits a long section at sentence ends, with one sentence of overlap', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => `第${i + 1}句說明合作的具體內容和安排。`);
    const doc = parseDocument(`一、長章節\n${sentences.join('')}`, { docId: 'd', title: 'd', language: 'zh-Hant' });
    const chunks = chunkDocument(doc, [], { maxChars: 60, overlapSentences: 1 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.sectionId).toBe('1');
      expect(c.text.length).toBeLessThanOrEqual(60);
      expect(c.text.endsWith('。') || c.text.endsWith('章節')).toBe(true);
    }
    for (let i = 1; i < chunks.length; i++) {
      const previousLast = splitSentences(chunks[i - 1]!.text).at(-1)!;
      expect(chunks[i]!.text.startsWith(previousLast)).toBe(true);
    }
  });

  it('adds a chunk per translated section under the same section id', () => {
    const doc = parseDocument('一、合作\n1.1 水資源。加強合作。', { docId: 'd', title: 'd', language: 'zh-Hant' });
    const chunks = chunkDocument(doc, [{ docId: 'd', language: 'en', official: false, notice: '', sections: [{ id: '1.1', title: 'Water', text: 'Strengthen cooperation.' }] }]);
    const en = chunks.filter((c) => c.language === 'en');
    expect(en.map((c) => c.sectionId)).toEqual(['1.1']);
    expect(en[0]!.text).toBe('Water. Strengthen cooperation.');
  });
});
