import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/engine/corpus/parse.js';
import { comparableText } from '../../../src/engine/index/changes.js';
import { extractDocument } from '../../../src/services/reindex/ingest/extract.js';
import { DocumentRejectedError } from '../../../src/services/reindex/ingest/rejection.js';
import { toSimplified } from '../../../src/engine/text/normalize.js';
import { cjkStandardFontPdf, imageOnlyPdf, layoutCjk } from '../../helpers/pdf.js';
import { planText } from '../../helpers/workspace.js';

// Ministries publish PDFs whose Chinese text uses a standard, non-embedded font
// (UniCNS-UCS2-H / UniGB-UCS2-H): reading them needs pdf.js's CMap files.
const LIMITS = { maxBytes: 5 * 1024 * 1024 };
const DROP = ['^點擊藍字', '^请先\\s*登录', '^請先\\s*登錄'];

function sectionsOf(text: string, language = 'zh-Hant'): [string, string][] {
  return parseDocument(text, { docId: 'plan', title: 'plan', language, dropLines: DROP }).sections.map((s) => [s.id, comparableText(s.text)]);
}

let paragraphs: string[];
let expected: [string, string][];
beforeAll(async () => {
  paragraphs = (await planText()).split('\n').filter((l) => l.trim());
  expected = sectionsOf(paragraphs.join('\n'));
});

describe('Chinese PDFs with standard non-embedded fonts', () => {
  it('Traditional (UniCNS-UCS2-H, Adobe-CNS1): the whole plan reads back with the same sections', async () => {
    const doc = await extractDocument('plan.pdf', cjkStandardFontPdf(layoutCjk(paragraphs), 'Hant'), LIMITS);
    expect(doc.format).toBe('pdf');
    expect(doc.pages).toBeGreaterThan(2);
    expect(doc.text).toContain('4.2.3 貿易投資便利化。加快完成和有效落實《瀾湄跨境經濟合作五年發展計畫》');
    expect(sectionsOf(doc.text)).toEqual(expected);
  });

  it('Simplified (UniGB-UCS2-H, Adobe-GB1): the text and its sections', async () => {
    const simplified = paragraphs.map((p) => toSimplified(p));
    const doc = await extractDocument('plan.pdf', cjkStandardFontPdf(layoutCjk(simplified), 'Hans'), LIMITS);
    expect(doc.text).toContain('4.2.3 贸易投资便利化。');
    expect(sectionsOf(doc.text, 'zh-Hans')).toEqual(sectionsOf(simplified.join('\n'), 'zh-Hans'));
  });

  it('an image-only PDF is still rejected as scanned, with the reason', async () => {
    const err = await extractDocument('scan.pdf', imageOnlyPdf(), LIMITS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentRejectedError);
    expect((err as DocumentRejectedError).code).toBe('scanned-pdf');
    expect((err as Error).message).toBe('The PDF has 1 page but no text layer (it looks scanned, or is images only). Send a PDF with selectable text, or the .docx/.txt version.');
  });

  it('two columns drawn row by row are read column by column, never glued across the gutter', async () => {
    const pdf = cjkStandardFontPdf(layoutCjk(paragraphs, { columns: [40, 310], wrap: 24, linesPerColumn: 40 }), 'Hant');
    const doc = await extractDocument('plan.pdf', pdf, LIMITS);
    expect(sectionsOf(doc.text)).toEqual(expected);
  });

  it('running headers, footers and page numbers are dropped, not glued into paragraphs', async () => {
    for (const footer of ['- {page} -', '第 {page} 頁', '瀾湄合作 {page}']) {
      const pdf = cjkStandardFontPdf(layoutCjk(paragraphs, { header: '瀾湄合作五年行動計畫(2023-2027)', footer, linesPerColumn: 30 }), 'Hant');
      const doc = await extractDocument('plan.pdf', pdf, LIMITS);
      expect(doc.pages).toBeGreaterThan(3);
      expect(doc.text).not.toContain('瀾湄合作五年行動計畫(2023-2027)');
      expect(sectionsOf(doc.text)).toEqual(expected);
    }
  });
});
