/**
 * How much a document may hold and cost to read. Sizes are in bytes; the
 * settings (MAX_DOCUMENT_MB, MAX_DOCUMENT_TEXT_MB, MAX_DOCUMENT_UNPACKED_MB,
 * DOCUMENT_PARSE_MB, DOCUMENT_PARSE_SECONDS) give them in MB and seconds.
 */
export interface DocumentLimits {
  /** The file as sent. */
  maxBytes: number;
  /** The text read from it, counted as UTF-8. */
  maxTextBytes: number;
  /** A .docx: the XML parts a reader unpacks, together. */
  maxUnpackedBytes: number;
  /** Heap of the worker that reads it (MB). */
  parseMb: number;
  /** Time the worker may take (ms). */
  parseMs: number;
}

const MB = 1024 * 1024;

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxBytes: 20 * MB,
  maxTextBytes: 1 * MB,
  maxUnpackedBytes: 10 * MB,
  parseMb: 128,
  parseMs: 30_000,
};

/** A .docx with more parts than this is not a Word document anyone wrote. */
export const MAX_ZIP_ENTRIES = 1000;
/** Word XML packs 5–20 to 1; a part larger than 1 MB that packs better than this is a bomb. */
export const MAX_PACK_RATIO = 200;

/** "2.0" for 2 MB, "0.25" under one MB. */
export function mb(bytes: number): string {
  return (bytes / MB).toFixed(bytes < MB ? 2 : 1);
}
