import { getDocumentProxy } from 'unpdf';
import { dropRunningLines, pageLines, type PdfLine } from './pdf-layout.js';
import { pdfResourceOptions } from './pdf-resources.js';
import { reject } from './rejection.js';

/**
 * The text layer of a PDF through unpdf (a maintained build of Mozilla's
 * pdf.js for Node). Layout wraps paragraphs into lines; a line that reaches the
 * right margin is joined to the next one unless that one starts a paragraph
 * (a numbered heading, a first-line indent, or a gap above it larger than the
 * line spacing) — without a space in Chinese text, which wraps
 * anywhere, even inside a number — so a section's text reads as in the source
 * and the parser sees one line per paragraph. A PDF with pages but no text is
 * a scan.
 */
export async function pdfToText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // CMaps and standard fonts from pdfjs-dist: Chinese PDFs with non-embedded standard fonts need them.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, ...pdfResourceOptions() } as Parameters<typeof getDocumentProxy>[1]);
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'PasswordException') reject('damaged', 'The PDF is password-protected. Send an unprotected copy.');
    reject('damaged', `The PDF could not be read (${(err as Error).message}). Send it again, or as .docx or .txt.`);
  }
  try {
    if (pdf.numPages === 0) reject('empty', 'The PDF has no pages.');
    const lines: PdfLine[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      lines.push(...pageLines(content.items, n));
    }
    const text = reflow(dropRunningLines(lines));
    if ((text.match(/[\p{L}\p{N}]/gu) ?? []).length < 10) {
      reject('scanned-pdf', `The PDF has ${pdf.numPages} page${pdf.numPages === 1 ? '' : 's'} but no text layer (it looks scanned, or is images only). Send a PDF with selectable text, or the .docx/.txt version.`);
    }
    return { text, pages: pdf.numPages };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

/** A line that starts a numbered heading always starts a new paragraph. */
const HEADING_START = /^\s*(\d{1,3}(\.\d{1,3})+|\d{1,2}[、.]\s|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+(部分|章|部|篇))/u;

/** The right margin is taken over the whole document: a last page with only short lines has no wrapped ones. */
function reflow(lines: PdfLine[]): string {
  // Margins per column (a two-column page has two right margins and two left margins).
  const margins = new Map<number, number>();
  for (const l of lines) margins.set(l.column, Math.max(margins.get(l.column) ?? 0, l.right));
  const leading = mostCommon(lines.slice(1).map((l, i) => (l.page === lines[i]!.page && l.column === lines[i]!.column ? lines[i]!.y - l.y : 0)).filter((g) => g > 0));
  const full = (l: PdfLine) => l.right >= (margins.get(l.column) ?? 0) - 2 * (l.size || 10);
  // The left margin: where full lines start (first lines may be indented, short ones centred).
  const leftMargins = new Map<number, number>();
  for (const l of lines.filter(full)) leftMargins.set(l.column, Math.min(leftMargins.get(l.column) ?? Infinity, l.left));
  const all = lines.map((l) => l.text).join('');
  const chinese = (all.match(/\p{Script=Han}/gu) ?? []).length > all.replace(/\s/g, '').length * 0.3;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.text.replace(/\s+$/, '');
    const prev = lines[i - 1];
    const wrapped =
      prev !== undefined &&
      out.length > 0 &&
      text !== '' &&
      !HEADING_START.test(text) &&
      !(leftMargins.has(line.column) && line.left > leftMargins.get(line.column)! + 0.8 * (line.size || 10)) &&
      prev.text.trim() !== '' &&
      full(prev) &&
      (prev.page !== line.page || prev.column !== line.column || leading === undefined || prev.y - line.y <= leading * 1.3);
    if (wrapped) {
      const before = out[out.length - 1]!;
      const space = !chinese || /\s$/.test(prev.text) ? ' ' : '';
      out[out.length - 1] = `${before}${space}${text.trimStart()}`;
    } else {
      out.push(text);
    }
  }
  return out.join('\n');
}

/** The most frequent value (to 0.1 units): the usual line spacing, as opposed to paragraph gaps. */
function mostCommon(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) {
    const key = Math.round(v * 10) / 10;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: [number, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}
