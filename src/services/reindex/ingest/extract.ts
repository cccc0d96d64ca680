import path from 'node:path';
import { decodeText } from './decode.js';
import { checkDocxSizes } from './docx-limits.js';
import { DEFAULT_DOCUMENT_LIMITS, mb, type DocumentLimits } from './limits.js';
import { wellFormed } from '../../../engine/text/well-formed.js';
import { markdownToText } from './markdown.js';
import { reject } from './rejection.js';

export type DocumentFormat = 'txt' | 'md' | 'docx' | 'pdf';

export interface ExtractedDocument {
  text: string;
  format: DocumentFormat;
  /** For plain-text formats: the encoding that was detected. */
  encoding?: string;
  /** For PDFs. */
  pages?: number;
}

export const SUPPORTED_FORMATS = '.txt, .md, .docx or .pdf';
const TEXT_EXTENSIONS: Record<string, DocumentFormat> = { '': 'txt', '.txt': 'txt', '.text': 'txt', '.md': 'md', '.markdown': 'md' };

/**
 * The text of an uploaded document. The format is taken from the file's first
 * bytes when they are unambiguous (PDF, ZIP), else from its extension; every
 * problem becomes a DocumentRejectedError with the reason.
 */
export async function extractDocument(filename: string, bytes: Uint8Array, given: Pick<DocumentLimits, 'maxBytes'> & Partial<DocumentLimits>): Promise<ExtractedDocument> {
  const limits = { ...DEFAULT_DOCUMENT_LIMITS, ...given };
  const format = checkFile(filename, bytes, limits);
  let extracted: ExtractedDocument;
  switch (format) {
    case 'pdf': {
      // Loaded on demand: pdf.js is large, and most documents are not PDFs.
      const { pdfToText } = await import('./pdf.js');
      extracted = { format, ...(await pdfToText(bytes)) };
      break;
    }
    case 'docx':
      extracted = { format, text: await docxToText(bytes) };
      break;
    case 'md':
    case 'txt': {
      const decoded = decodeText(bytes);
      extracted = { format, text: format === 'md' ? markdownToText(decoded.text) : decoded.text, encoding: decoded.encoding };
      break;
    }
  }
  const size = Buffer.byteLength(extracted.text);
  if (size > limits.maxTextBytes) tooMuchText(size, limits.maxTextBytes);
  const text = cleanText(extracted.text);
  if (!text.trim()) reject('empty', 'The document contains no text.');
  const letters = (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
  if (letters < 10 || letters / [...text.replace(/\s+/g, '')].length < 0.3) {
    reject('no-text', 'The document has no recognisable text (too few letters or characters). Check that it is the plan and not an image or a table of numbers.');
  }
  return { ...extracted, text };
}

/**
 * The checks that need no parser: size, emptiness, format, and what the file
 * would unpack to (a .docx's ZIP directory; a text file's length). Cheap and
 * bounded, so the serving thread runs them before starting a worker: a bomb is
 * refused without one.
 */
export function checkFile(filename: string, bytes: Uint8Array, limits: Pick<DocumentLimits, 'maxBytes' | 'maxTextBytes' | 'maxUnpackedBytes'>): DocumentFormat {
  if (bytes.byteLength > limits.maxBytes) {
    reject('too-large', `The file is ${mb(bytes.byteLength)} MB; documents are limited to ${mb(limits.maxBytes)} MB (MAX_DOCUMENT_MB).`);
  }
  if (bytes.byteLength === 0) reject('empty', 'The file is empty.');
  const format = detectFormat(filename, bytes);
  if (format === 'docx') checkDocxSizes(bytes, limits.maxUnpackedBytes);
  // Every encoding takes at least half a byte of file per byte of UTF-8 text: far larger files need not be decoded.
  if ((format === 'txt' || format === 'md') && bytes.byteLength > 2 * limits.maxTextBytes) tooMuchText(bytes.byteLength, limits.maxTextBytes);
  return format;
}

function tooMuchText(bytes: number, limit: number): never {
  return reject('too-large', `The document holds ${mb(bytes)} MB of text; the limit is ${mb(limit)} MB (MAX_DOCUMENT_TEXT_MB). Split it or save it as a smaller file.`);
}

function detectFormat(filename: string, bytes: Uint8Array): DocumentFormat {
  const ext = path.extname(filename).toLowerCase();
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (zip) {
    if (ext === '.docx' || ext === '') return 'docx';
    reject('unsupported-format', `The file is a ZIP archive${ext ? ` (${ext})` : ''}, not a Word document. Send the plan as ${SUPPORTED_FORMATS}.`);
  }
  if (ext === '.pdf') reject('damaged', 'The file is named .pdf but is not a PDF. Send it again, or as .docx or .txt.');
  if (ext === '.docx') reject('damaged', 'The file is named .docx but is not a Word document. Send it again, or as .pdf or .txt.');
  if (ext === '.doc') reject('unsupported-format', 'Old Word documents (.doc) cannot be read. Save it as .docx (Word: File → Save As) and send it again.');
  const format = TEXT_EXTENSIONS[ext];
  if (!format) reject('unsupported-format', `Files of type ${ext} cannot be read. Send the plan as ${SUPPORTED_FORMATS}.`);
  return format;
}

async function docxToText(bytes: Uint8Array): Promise<string> {
  const { default: mammoth } = await import('mammoth');
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return result.value;
  } catch (err) {
    return reject('damaged', `The Word document could not be read (${(err as Error).message.split('\n')[0]}). Open and save it again in Word, or send it as .pdf or .txt.`);
  }
}

/** Unix line ends, no byte-order mark or control characters, no trailing spaces, no lone surrogates (→ U+FFFD). */
function cleanText(text: string): string {
  return wellFormed(text)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\u2060\uFEFF]/g, '')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .trim()
    .concat('\n');
}
