import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpusMeta } from '../../src/engine/corpus/metadata.js';
import { parseDocument } from '../../src/engine/corpus/parse.js';
import { chineseNumeralToInt, compareSectionIds } from '../../src/engine/corpus/numbering.js';
import { REPO_CORPUS } from '../helpers/core-index.js';

const source = readFileSync(path.join(REPO_CORPUS, 'lmc-plan-2023-2027.zh-Hant.txt'), 'utf8');
const meta = await readCorpusMeta(REPO_CORPUS);
const plan = parseDocument(source, { docId: 'plan', title: 'plan', language: 'zh-Hant', dropLines: meta.cleaning.dropLines });
const byId = new Map(plan.sections.map((s) => [s.id, s]));

const EXPECTED_IDS = [
  '0', '1', '2', '3', '4', '4.1', '4.1.1', '4.1.2', '4.1.3', '4.1.3.1', '4.1.3.2', '4.1.3.3',
  '4.2', ...Array.from({ length: 14 }, (_, i) => `4.2.${i + 1}`),
  '4.3', ...Array.from({ length: 7 }, (_, i) => `4.3.${i + 1}`),
  '5', '5.1', '5.2', '5.3', '5.4', '5.5',
];

describe('parsing the real plan', () => {
  it('finds every section, in document order', () => {
    expect(plan.sections.map((s) => s.id)).toEqual(EXPECTED_IDS);
    expect(plan.unnumbered).toBe(false);
  });

  it('maps chapters 一、…五、 to 1…5 with their titles', () => {
    expect(byId.get('1')!.title).toBe('發展目標');
    expect(byId.get('5')!.title).toBe('支撐體系');
  });

  it('nests dotted numbers under their parents: 4 → 4.1 → 4.1.3 → 4.1.3.1', () => {
    expect(byId.get('4.1.3.1')!.parents).toEqual(['4', '4.1', '4.1.3']);
    expect(byId.get('4.1.3')!.children).toEqual(['4.1.3.1', '4.1.3.2', '4.1.3.3']);
    expect(byId.get('4')!.children).toEqual(['4.1', '4.2', '4.3']);
    expect(byId.get('4.1.3.1')!.depth).toBe(3);
  });

  it('splits a heading line into title and text at the first full stop', () => {
    const s = byId.get('4.2.3')!;
    expect(s.title).toBe('貿易投資便利化');
    expect(s.text.startsWith('貿易投資便利化。加快完成')).toBe(true);
  });

  it('keeps offsets that point back into the source text', () => {
    for (const s of plan.sections) {
      expect(source.slice(s.start).startsWith(s.text.split('\n')[0]!)).toBe(true);
      expect(source.slice(0, s.end).endsWith(s.text.split('\n').at(-1)!)).toBe(true);
      expect(s.end).toBeGreaterThan(s.start);
    }
  });

  it('makes the text before chapter 1 the preamble, section 0, with a title', () => {
    const preamble = byId.get('0')!;
    expect(preamble.title).toBe('前言');
    expect(preamble.text).toContain('李強和緬甸領導人敏昂萊共同主持會議');
  });

  it('drops the copied web page boilerplate through the corpus cleaning rules', () => {
    const all = plan.sections.map((s) => s.text).join('\n');
    for (const junk of ['點擊藍字', '關注我們', '登錄後發表評論', '檔摘要']) expect(all).not.toContain(junk);
    // …but the source file itself is untouched.
    expect(source).toContain('點擊藍字 關注我們');
  });
});

describe('numbering variants', () => {
  const parse = (text: string) => parseDocument(text, { docId: 'd', title: 'd', language: 'zh-Hant' }).sections;

  it('reads full-width digits and dots (４．２．３) and spaces after numbers', () => {
    const ids = parse('一、總則\n１．１ 目的。說明目的。\n１．１．１　細則。內容。\n1.2   範圍。內容。').map((s) => s.id);
    expect(ids).toEqual(['1', '1.1', '1.1.1', '1.2']);
  });

  it('reads 第四部分-style chapter headings', () => {
    const sections = parse('前文。\n第一部分 背景\n背景說明。\n第二部分:目標\n2.1 具體目標。內容。');
    expect(sections.map((s) => s.id)).toEqual(['0', '1', '2', '2.1']);
    expect(sections[2]!.title).toBe('目標');
  });

  it('reads chapters beyond ten (十一、)', () => {
    const text = Array.from({ length: 12 }, (_, i) => `${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'][i]}、章${i + 1}\n內容${i + 1}。`).join('\n');
    expect(parse(text).map((s) => s.id)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
  });

  it('does not mistake numbers inside the text for headings', () => {
    const sections = parse('一、目標\n2.5億美元用於合作。\n三、跳號的標題\n1.1 不存在的上級之下仍接在第一章。');
    expect(sections.map((s) => s.id)).toEqual(['1', '1.1']);
    expect(sections[0]!.text).toContain('2.5億美元');
    expect(sections[0]!.text).toContain('三、跳號的標題');
  });

  it('gives a document without numbering stable paragraph ids', () => {
    const text = '第一段文字,講合作。\n\n第二段文字,講發展。\n第三段。';
    const a = parseDocument(text, { docId: 'd', title: 'd', language: 'zh-Hant' });
    const b = parseDocument(text, { docId: 'd', title: 'd', language: 'zh-Hant' });
    expect(a.unnumbered).toBe(true);
    expect(a.sections.map((s) => s.id)).toEqual(['p1', 'p2', 'p3']);
    expect(b.sections).toEqual(a.sections);
  });

  it('strips a byte-order mark', () => {
    expect(parse('\uFEFF一、目標\n內容。')[0]!.id).toBe('1');
  });
});

describe('numerals and ordering', () => {
  it('converts Chinese numerals', () => {
    expect([chineseNumeralToInt('一'), chineseNumeralToInt('十'), chineseNumeralToInt('十一'), chineseNumeralToInt('二十三'), chineseNumeralToInt('一百零五')]).toEqual([1, 10, 11, 23, 105]);
    expect(chineseNumeralToInt('甲')).toBeUndefined();
  });

  it('orders section ids numerically', () => {
    expect(['4.2.10', '4.2.9', '4.10', '4.2', '0'].sort(compareSectionIds)).toEqual(['0', '4.2', '4.2.9', '4.2.10', '4.10']);
  });
});
