import { describe, expect, it } from 'vitest';
import { changeExcerpt, diffTexts, renderInlineDiff } from '../../../src/engine/text/diff.js';

describe('readable text diff', () => {
  it('marks an inserted Chinese phrase as one insertion', () => {
    const ops = diffTexts('加強標準化、計量、反壟斷合作。', '加強標準化、計量、檢驗檢疫和反壟斷合作。');
    expect(renderInlineDiff(ops)).toBe('加強標準化、計量、{+檢驗檢疫和+}反壟斷合作。');
  });

  it('shows a replaced phrase as removed then added', () => {
    expect(renderInlineDiff(diffTexts('每年舉行一次外長會。', '每兩年舉行一次外長會。'))).toBe('每{+兩+}年舉行一次外長會。');
    expect(renderInlineDiff(diffTexts('加強立法機構對話。', '深化政黨間對話。'))).toBe('[-加強立法機構-]{+深化政黨間+}對話。');
  });

  it('folds one-character islands into the surrounding edit instead of scattering it', () => {
    const out = renderInlineDiff(diffTexts('推動糧食供應鏈合作', '促進能源產業鏈建設'));
    expect(out).not.toMatch(/\+\}.\[-/u); // no "…+}X[-…" confetti
    expect(out).toContain('鏈');
  });

  it('compares English word by word', () => {
    expect(renderInlineDiff(diffTexts('Strengthen trade facilitation.', 'Strengthen customs and trade facilitation.'))).toBe('Strengthen {+customs and +}trade facilitation.');
  });

  it('reproduces both texts exactly', () => {
    const before = '4.2.3 貿易投資便利化。加快完成和有效落實《瀾湄跨境經濟合作五年發展計畫》,深化合作。';
    const after = '4.2.3 貿易投資便利化。有效落實《瀾湄跨境經濟合作五年發展規劃》,深化“國際陸海貿易新通道”合作。';
    const ops = diffTexts(before, after);
    expect(ops.filter((o) => o.type !== 'added').map((o) => o.text).join('')).toBe(before);
    expect(ops.filter((o) => o.type !== 'removed').map((o) => o.text).join('')).toBe(after);
  });

  it('gives short before/after excerpts around the first edit', () => {
    const before = `${'前'.repeat(100)}加強標準化、計量、反壟斷合作。${'後'.repeat(100)}`;
    const after = `${'前'.repeat(100)}加強標準化、計量、檢驗檢疫和反壟斷合作。${'後'.repeat(100)}`;
    const { before: b, after: a } = changeExcerpt(diffTexts(before, after), 40);
    expect([...b].length).toBeLessThanOrEqual(40);
    expect(b.startsWith('…')).toBe(true);
    expect(a).toContain('檢驗檢疫和');
    expect(b).not.toContain('檢驗檢疫和');
  });
});
