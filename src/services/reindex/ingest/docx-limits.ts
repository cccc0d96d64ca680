import { MAX_PACK_RATIO, MAX_ZIP_ENTRIES, mb } from './limits.js';
import { reject } from './rejection.js';
import { inflatedSize, readZipDirectory } from './zip-directory.js';

/** The parts a reader of the text unpacks: XML and relationships (images and fonts stay packed). */
const XML_PART = /\.(xml|rels)$/i;
const MB = 1024 * 1024;

/**
 * Refuses a .docx whose unpacked text parts would exceed `maxUnpackedBytes`,
 * before any parser sees it. The central directory gives the declared sizes and
 * the entry count; each XML part is then inflated only up to what is left of the
 * allowance, so a directory that lies about a size is caught too.
 */
export function checkDocxSizes(bytes: Uint8Array, maxUnpackedBytes: number): void {
  const entries = readZipDirectory(bytes);
  if (!entries) reject('damaged', 'The Word document is damaged (its table of contents cannot be read). Open and save it again in Word, or send it as .pdf or .txt.');
  if (entries.length > MAX_ZIP_ENTRIES) {
    reject('too-large', `The Word document has ${entries.length} parts; a document may have at most ${MAX_ZIP_ENTRIES}. Save it again in Word, or send it as .pdf or .txt.`);
  }
  const parts = entries.filter((e) => XML_PART.test(e.name));
  const declared = parts.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > maxUnpackedBytes) tooMuch(declared, maxUnpackedBytes);
  for (const e of entries) {
    if (e.uncompressedSize > MB && e.uncompressedSize > Math.max(1, e.compressedSize) * MAX_PACK_RATIO) {
      reject('too-large', `A part of the Word document (${e.name}) unpacks to ${mb(e.uncompressedSize)} MB from ${mb(e.compressedSize)} MB, ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} times its packed size; no real document packs that well. Save it again in Word, or send it as .pdf or .txt.`);
    }
  }
  let unpacked = 0;
  for (const e of parts) {
    const size = inflatedSize(bytes, e, maxUnpackedBytes - unpacked);
    if (size === undefined) reject('damaged', `The Word document is damaged (its part ${e.name} cannot be unpacked). Open and save it again in Word, or send it as .pdf or .txt.`);
    unpacked += size;
    if (unpacked > maxUnpackedBytes) tooMuch(Math.max(unpacked, declared), maxUnpackedBytes, true);
  }
}

function tooMuch(bytes: number, limit: number, atLeast = false): never {
  return reject(
    'too-large',
    `The document expands to ${atLeast ? 'more than ' : ''}${mb(bytes)} MB of text when unpacked; the limit is ${mb(limit)} MB (MAX_DOCUMENT_UNPACKED_MB). Split it or save it as a smaller file.`,
  );
}
