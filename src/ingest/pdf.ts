import { getDocumentProxy } from 'unpdf';
import { reject } from './rejection.js';

interface PdfLine {
  text: string;
  /** Right edge of the line's last glyph, in page units. */
  right: number;
  /** Font size of the line, in page units. */
  size: number;
}

/**
 * The text layer of a PDF through unpdf (a maintained build of Mozilla's
 * pdf.js for Node). Layout wraps paragraphs into lines; a line that reaches the
 * right margin is joined to the next one (without a space between Chinese
 * characters), so a section's text reads as in the source and the parser sees
 * one line per paragraph. A PDF with pages but no text is a scan.
 */
export async function pdfToText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 } as Parameters<typeof getDocumentProxy>[1]);
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'PasswordException') reject('damaged', 'The PDF is password-protected. Send an unprotected copy.');
    reject('damaged', `The PDF could not be read (${(err as Error).message}). Send it again, or as .docx or .txt.`);
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(reflow(toLines(content.items)));
    }
    const text = pages.join('\n');
    if ((text.match(/[\p{L}\p{N}]/gu) ?? []).length < 10) {
      reject('scanned-pdf', `The PDF has ${pdf.numPages} page${pdf.numPages === 1 ? '' : 's'} but no text layer (it looks scanned, or is images only). Send a PDF with selectable text, or the .docx/.txt version.`);
    }
    return { text, pages: pdf.numPages };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

function toLines(items: readonly unknown[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: PdfLine = { text: '', right: 0, size: 0 };
  for (const raw of items) {
    if (!raw || typeof raw !== 'object' || !('str' in raw)) continue;
    const item = raw as { str: string; transform: number[]; width: number; height: number; hasEOL?: boolean };
    if (item.str) {
      current.text += item.str;
      current.right = Math.max(current.right, (item.transform[4] ?? 0) + item.width);
      current.size = Math.max(current.size, Math.abs(item.transform[0] ?? 0) || item.height);
    }
    if (item.hasEOL) {
      lines.push(current);
      current = { text: '', right: 0, size: 0 };
    }
  }
  if (current.text) lines.push(current);
  return lines;
}

function reflow(lines: PdfLine[]): string {
  const margin = Math.max(0, ...lines.map((l) => l.right));
  const out: string[] = [];
  let joinNext = false;
  for (const line of lines) {
    const text = line.text.replace(/\s+$/, '');
    if (joinNext && out.length > 0 && text) {
      const prev = out[out.length - 1]!;
      const cjkSeam = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]$/u.test(prev) || /^[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]/u.test(text);
      out[out.length - 1] = cjkSeam ? `${prev}${text.trimStart()}` : `${prev} ${text.trimStart()}`;
    } else {
      out.push(text);
    }
    // A line ending within about two characters of the right margin was wrapped by the layout.
    joinNext = text.length > 0 && margin > 0 && line.right >= margin - 2 * (line.size || 10);
  }
  return out.join('\n');
}
