import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where pdf.js finds the data a PDF may lean on instead of embedding it: the CMaps of
 * the standard CJK encodings (UniCNS-UCS2-H, UniGB-UCS2-H, … and the Adobe-CNS1 / Adobe-GB1
 * to Unicode maps) and the standard fonts. Without them, the text of a Chinese PDF that
 * uses a non-embedded standard font cannot be read. Taken from the installed pdfjs-dist
 * package (unpdf bundles pdf.js without these files), so nothing is fetched at run time.
 */
export interface PdfResourceOptions {
  cMapUrl: string;
  cMapPacked: boolean;
  standardFontDataUrl: string;
}

let cached: PdfResourceOptions | undefined;

export function pdfResourceOptions(): PdfResourceOptions {
  if (cached) return cached;
  const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  // pdf.js appends file names to these: they must end with a separator.
  cached = {
    cMapUrl: `${path.join(root, 'cmaps')}${path.sep}`,
    cMapPacked: true,
    standardFontDataUrl: `${path.join(root, 'standard_fonts')}${path.sep}`,
  };
  return cached;
}
