import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/engine/corpus/parse.js';
import { extractDocument } from '../../../src/services/reindex/ingest/extract.js';
import { extractDocumentIsolated } from '../../../src/services/reindex/ingest/extract-isolated.js';
import { DocumentRejectedError } from '../../../src/services/reindex/ingest/rejection.js';
import { docxFile } from '../../helpers/docx.js';
import { planText } from '../../helpers/workspace.js';
import { hugeText, mediaBomb, numberedParagraphs, paragraphBomb, spaceBomb } from './helpers/documents-bombs.js';
import { zeroPagePdf } from './helpers/documents-files.js';

/**
 * Hostile and odd documents (issue 15, items 1 and 7) read by the ingest code:
 * bombs are refused from the ZIP directory before any parser runs, text over
 * the limit before it is decoded, and whatever gets past those is read in a
 * worker whose heap and time are capped.
 */

const MB = 1024 * 1024;
const LIMITS = { maxBytes: 20 * MB };

async function rejection(run: () => Promise<unknown>): Promise<DocumentRejectedError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof DocumentRejectedError) return err;
    throw err;
  }
  throw new Error('the document was accepted');
}

const sectionIds = (text: string) => parseDocument(text, { docId: 'plan', title: 'plan', language: 'zh-Hant' }).sections.map((s) => s.id);

let plan: string;
beforeAll(async () => {
  plan = await planText();
});

describe('plain text in UTF-16 without a byte-order mark is read, not refused as binary', () => {
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    it(encoding, async () => {
      const doc = await extractDocument('plan.txt', iconv.encode(plan, encoding), LIMITS);
      expect(doc.encoding).toBe(encoding);
      expect(sectionIds(doc.text)).toEqual(sectionIds(plan));
    });
  }

  it('English text too, and binary data with zero bytes is still refused', async () => {
    const english = 'Goals\n1.1 Trade facilitation and customs cooperation between the six countries.\n';
    expect((await extractDocument('plan.txt', iconv.encode(english, 'utf-16le'), LIMITS)).text).toBe(english);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x10, 0x00, 0x00]);
    expect((await rejection(() => extractDocument('plan.txt', png, LIMITS))).code).toBe('binary');
  });
});

it('a PDF with no pages says so', async () => {
  const err = await rejection(() => extractDocument('plan.pdf', zeroPagePdf(), LIMITS));
  expect(err.code).toBe('empty');
  expect(err.message).toBe('The PDF has no pages.');
});

describe('bombs are refused from the ZIP directory, before any parser runs', () => {
  it('a 0.3 MB .docx whose document.xml inflates to 100 MB of paragraphs', async () => {
    const bytes = await paragraphBomb(100);
    expect(bytes.length).toBeLessThan(0.5 * MB);
    const err = await rejection(() => extractDocument('plan.docx', bytes, LIMITS));
    expect(err.code).toBe('too-large');
    expect(err.message).toBe('The document expands to 100.0 MB of text when unpacked; the limit is 10.0 MB (MAX_DOCUMENT_UNPACKED_MB). Split it or save it as a smaller file.');
  });

  it('a 1 MB .docx whose XML is 1 GB of spaces', async () => {
    const bytes = await spaceBomb(1024);
    expect(bytes.length).toBeLessThan(1.1 * MB);
    const err = await rejection(() => extractDocument('plan.docx', bytes, LIMITS));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/^The document expands to 1024\.0 MB of text when unpacked; the limit is 10\.0 MB/);
  }, 20_000);

  it('an archive whose directory understates the size is caught by unpacking no more than the limit', async () => {
    const bytes = await paragraphBomb(100, { lie: true });
    const started = process.memoryUsage().rss;
    const err = await rejection(() => extractDocument('plan.docx', bytes, LIMITS));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/^The document expands to more than 10\.0 MB of text when unpacked/);
    expect(process.memoryUsage().rss - started).toBeLessThan(80 * MB);
  });

  it('a part outside the XML that packs like no real file does', async () => {
    const err = await rejection(async () => extractDocument('plan.docx', await mediaBomb(200), LIMITS));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/^A part of the Word document \(word\/media\/image1\.png\) unpacks to 200\.0 MB from 0\.\d\d MB, \d+ times its packed size; no real document packs that well\./);
  });

  it('a cut-off .docx is damaged, not a crash', async () => {
    const whole = await docxFile(plan.split('\n').filter((l) => l.trim()));
    const err = await rejection(() => extractDocument('plan.docx', whole.subarray(0, Math.floor(whole.length / 2)), LIMITS));
    expect(err.code).toBe('damaged');
    expect(err.message).toMatch(/^The Word document is damaged \(its table of contents cannot be read\)/);
  });

  it('a real document under the limits still reads', async () => {
    const doc = await extractDocument('plan.docx', await docxFile(plan.split('\n').filter((l) => l.trim())), LIMITS);
    expect(sectionIds(doc.text)).toEqual(sectionIds(plan));
  });
});

it('a 15 MB .txt under MAX_DOCUMENT_MB is refused for its text size, before it is decoded', async () => {
  const bytes = hugeText(plan, 15);
  const started = performance.now();
  const err = await rejection(() => extractDocument('plan.txt', bytes, LIMITS));
  expect(err.code).toBe('too-large');
  expect(err.message).toBe('The document holds 15.0 MB of text; the limit is 1.0 MB (MAX_DOCUMENT_TEXT_MB). Split it or save it as a smaller file.');
  expect(performance.now() - started).toBeLessThan(200);
});

describe('documents are read in a worker with a heap cap and a time bound', () => {
  it('reads the plan in the worker as in process', async () => {
    const bytes = await docxFile(plan.split('\n').filter((l) => l.trim()));
    const doc = await extractDocumentIsolated('plan.docx', bytes, LIMITS);
    expect(doc.format).toBe('docx');
    expect(doc.text).toBe((await extractDocument('plan.docx', bytes, LIMITS)).text);
  });

  it('a rejection inside the worker comes back as the same rejection', async () => {
    const err = await rejection(async () => extractDocumentIsolated('plan.docx', await paragraphBomb(100), LIMITS));
    expect(err.message).toMatch(/^The document expands to 100\.0 MB/);
  });

  it('a document that needs more heap than DOCUMENT_PARSE_MB fails alone with the budget named', async () => {
    // Let the bomb past the size check: only the worker's heap cap stops it.
    const bytes = await numberedParagraphs(30);
    const err = await rejection(() => extractDocumentIsolated('plan.docx', bytes, { ...LIMITS, maxUnpackedBytes: 200 * MB, maxTextBytes: 200 * MB, parseMb: 64 }));
    expect(err.code).toBe('parse-limit');
    expect(err.message).toBe('Reading the document ran out of its 64 MB parsing budget (DOCUMENT_PARSE_MB) and was stopped. Save it again as a simpler file (.txt or .docx), or split it.');
  }, 30_000);

  it('a document that takes longer than DOCUMENT_PARSE_SECONDS is stopped', async () => {
    const bytes = await numberedParagraphs(30);
    const err = await rejection(() => extractDocumentIsolated('plan.docx', bytes, { ...LIMITS, maxUnpackedBytes: 200 * MB, maxTextBytes: 200 * MB, parseMs: 500 }));
    expect(err.code).toBe('parse-limit');
    expect(err.message).toBe('Reading the document took longer than 0.5 s (DOCUMENT_PARSE_SECONDS) and was stopped. Save it again as a simpler file (.txt or .docx), or split it.');
  }, 30_000);
});
