import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/engine/corpus/parse.js';
import { extractDocument } from '../../../src/services/reindex/ingest/extract.js';
import { DocumentRejectedError } from '../../../src/services/reindex/ingest/rejection.js';
import { comparableText } from '../../../src/engine/index/changes.js';
import { docxFile } from '../../helpers/docx.js';
import { imageOnlyPdf, textPdf } from '../../helpers/pdf.js';
import { planText } from '../../helpers/workspace.js';

const LIMITS = { maxBytes: 5 * 1024 * 1024 };
const DROP = ['^點擊藍字', '^請先\\s*登錄'];

/** Section numbers and their text, as the index would see them. */
function sectionsOf(text: string): [string, string][] {
  return parseDocument(text, { docId: 'plan', title: 'plan', language: 'zh-Hant', dropLines: DROP }).sections.map((s) => [s.id, comparableText(s.text)]);
}

async function rejection(filename: string, bytes: Uint8Array): Promise<DocumentRejectedError> {
  try {
    await extractDocument(filename, bytes, LIMITS);
  } catch (err) {
    if (err instanceof DocumentRejectedError) return err;
    throw err;
  }
  throw new Error(`${filename} was accepted`);
}

describe('reading uploaded documents', () => {
  let plan: string;
  let expected: [string, string][];
  beforeAll(async () => {
    plan = await planText();
    expected = sectionsOf(plan);
    expect(expected.map(([id]) => id)).toContain('4.2.3');
  });

  describe('plain text in every supported encoding gives the same sections', () => {
    const cases: [string, (text: string) => Buffer, string][] = [
      ['UTF-8', (t) => Buffer.from(t, 'utf8'), 'utf-8'],
      ['UTF-8 with BOM', (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]), 'utf-8 (BOM)'],
      ['UTF-16 LE with BOM', (t) => iconv.encode(t, 'utf-16le', { addBOM: true }), 'utf-16le (BOM)'],
      ['UTF-16 BE with BOM', (t) => iconv.encode(t, 'utf-16be', { addBOM: true }), 'utf-16be (BOM)'],
      ['GB18030', (t) => iconv.encode(t, 'gb18030'), 'gb18030'],
      ['Big5', (t) => iconv.encode(t, 'big5'), 'big5'],
    ];
    for (const [name, encode, encoding] of cases) {
      it(name, async () => {
        const doc = await extractDocument('plan.txt', encode(plan), LIMITS);
        expect(doc.format).toBe('txt');
        expect(doc.encoding).toBe(encoding);
        expect(sectionsOf(doc.text)).toEqual(expected);
      });
    }

    it('a short GB18030 text in simplified Chinese is not mistaken for Big5', async () => {
      const text = '一、发展目标\n本行动计划旨在加强贸易投资合作,促进区域经济发展。\n二、基本原则\n坚持以人民为中心。\n';
      const doc = await extractDocument('plan.txt', iconv.encode(text, 'gb18030'), LIMITS);
      expect(doc.text.trim()).toBe(text.trim());
    });
  });

  it('Markdown: headings, emphasis and links are dropped, the numbers and words stay', async () => {
    const md = plan
      .split('\n')
      .map((line) => (/^(\d+\.\d+(\.\d+)*|[一二三四五]、)/.test(line) ? `## ${line.replace(/^(\S+)/, '**$1**')}` : line))
      .join('\n');
    const doc = await extractDocument('plan.md', Buffer.from(`---\ntitle: plan\n---\n${md}`, 'utf8'), LIMITS);
    expect(doc.format).toBe('md');
    expect(sectionsOf(doc.text)).toEqual(expected);
  });

  it('Word (.docx): paragraphs and split runs read as the plan', async () => {
    const bytes = await docxFile(plan.split('\n').filter((l) => l.trim()));
    const doc = await extractDocument('plan.docx', bytes, LIMITS);
    expect(doc.format).toBe('docx');
    expect(sectionsOf(doc.text)).toEqual(expected);
  });

  it('PDF with a text layer: wrapped lines are joined back into paragraphs', async () => {
    const bytes = textPdf(plan.split('\n').filter((l) => l.trim()), { wrap: 45, linesPerPage: 50 });
    const doc = await extractDocument('plan.pdf', bytes, LIMITS);
    expect(doc.format).toBe('pdf');
    expect(doc.pages).toBeGreaterThan(1);
    expect(sectionsOf(doc.text)).toEqual(expected);
  });

  it('a file sent without extension is recognised by its first bytes', async () => {
    const doc = await extractDocument('upload', textPdf(['1. Goals', '1.1 Trade facilitation and customs cooperation.']), LIMITS);
    expect(doc.format).toBe('pdf');
    expect(doc.text).toContain('1.1 Trade facilitation');
  });

  describe('unusable documents are rejected with the reason', () => {
    it('a scanned PDF (an image, no text layer)', async () => {
      const err = await rejection('scan.pdf', imageOnlyPdf());
      expect(err.code).toBe('scanned-pdf');
      expect(err.message).toMatch(/no text layer/);
    });
    it('an empty file', async () => {
      expect((await rejection('plan.txt', new Uint8Array())).code).toBe('empty');
    });
    it('a file of blank lines', async () => {
      expect((await rejection('plan.txt', Buffer.from('\n \r\n\t\n'))).code).toBe('empty');
    });
    it('binary data', async () => {
      const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x10]);
      expect((await rejection('plan.txt', bytes)).code).toBe('binary');
    });
    it('no recognisable text', async () => {
      expect((await rejection('plan.txt', Buffer.from('---- ==== ++++ **** ////\n......\n'))).code).toBe('no-text');
    });
    it('over MAX_DOCUMENT_MB', async () => {
      const err = await rejection('plan.txt', Buffer.alloc(LIMITS.maxBytes + 1, 0x41));
      expect(err.code).toBe('too-large');
      expect(err.message).toMatch(/MAX_DOCUMENT_MB/);
    });
    it('an old Word .doc', async () => {
      const err = await rejection('plan.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2]));
      expect(err.code).toBe('unsupported-format');
      expect(err.message).toMatch(/\.docx/);
    });
    it('a file named .docx that is not one', async () => {
      expect((await rejection('plan.docx', Buffer.from('just text'))).code).toBe('damaged');
    });
    it('a ZIP that is not a Word document', async () => {
      const JSZip = (await import('jszip')).default;
      const zip = await new JSZip().file('a.txt', 'hello').generateAsync({ type: 'nodebuffer' });
      expect((await rejection('plan.docx', zip)).code).toBe('damaged');
    });
    it('an image with a known extension', async () => {
      expect((await rejection('photo.png', Buffer.from('not really a png but has no text extension'))).code).toBe('unsupported-format');
    });
  });
});
