import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../src/engine/retrieval/fusion.js';
import { findSectionReferences } from '../../src/engine/retrieval/section-ref.js';
import { termCredit } from '../../src/engine/retrieval/term-match.js';

const IDS = new Set(['0', '1', '2', '3', '4', '5', '4.1', '4.2', '4.2.3', '4.2.12', '4.1.3.1', '5.2']);
const refs = (q: string) => findSectionReferences(q, (id) => IDS.has(id));

describe('section references in questions', () => {
  it.each([
    ['4.2.3 講的是什麼?', ['4.2.3']],
    ['第4.2.3條', ['4.2.3']],
    ['What does section 4.2.3 cover?', ['4.2.3']],
    ['§4.2.3', ['4.2.3']],
    ['４．２．３是什麼', ['4.2.3']],
    ['第五部分包括什麼', ['5']],
    ['第5章', ['5']],
    ['chapter 5', ['5']],
    ['Tell me about part five', ['5']],
    ['compare 4.2.3 and 4.2.12', ['4.2.3', '4.2.12']],
    ['4.1.3.1 公共衛生', ['4.1.3.1']],
    ['前言講了什麼', ['0']],
  ])('%s → %j', (q, expected) => {
    expect(refs(q)).toEqual(expected);
  });

  it('ignores numbers that are not sections', () => {
    expect(refs('2023-2027 年的計畫')).toEqual([]);
    expect(refs('增長 2.5% 以上')).toEqual([]);
    expect(refs('9.9.9 是什麼')).toEqual([]);
    expect(refs('5 countries')).toEqual([]);
  });
});

describe('reciprocal rank fusion', () => {
  it('rewards items ranked well by several rankings', () => {
    const fused = reciprocalRankFusion([{ keys: ['a', 'b', 'c'] }, { keys: ['b', 'c', 'a'] }]);
    const order = [...fused.entries()].sort((x, y) => y[1] - x[1]).map(([k]) => k);
    expect(order[0]).toBe('b');
  });

  it('uses 1/(k + rank) with rank starting at 1, scaled by weight', () => {
    const fused = reciprocalRankFusion([{ keys: ['a'], weight: 2 }, { keys: ['x', 'a'] }], 60);
    expect(fused.get('a')).toBeCloseTo(2 / 61 + 1 / 62, 10);
  });

  it('keeps items that only one ranking knows', () => {
    expect(reciprocalRankFusion([{ keys: ['a'] }, { keys: ['b'] }]).size).toBe(2);
  });
});

describe('term credit (coverage)', () => {
  it('gives full credit for a word present, partial for shared bigrams', () => {
    expect(termCredit('中小微企业', '支持中小微企业能力建设')).toBe(1);
    expect(termCredit('中小企业', '支持中小微企业能力建设')).toBeGreaterThan(0.4);
    expect(termCredit('天气', '应对气候变化')).toBe(0);
  });

  it('matches English stems only at word starts', () => {
    expect(termCredit('fraud', 'combat telecom fraud')).toBe(1);
    expect(termCredit('raud', 'combat telecom fraud')).toBe(0);
  });
});
