/** Why an uploaded document cannot be used. Each comes with a message an admin can act on. */
export type RejectionCode =
  | 'too-large'
  | 'empty'
  | 'binary'
  | 'unsupported-format'
  | 'damaged'
  | 'no-text'
  | 'scanned-pdf'
  | 'no-sections'
  | 'unchanged'
  /** Reading it took more memory or time than DOCUMENT_PARSE_MB / DOCUMENT_PARSE_SECONDS allow. */
  | 'parse-limit';

export class DocumentRejectedError extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentRejectedError';
  }
}

export function reject(code: RejectionCode, message: string): never {
  throw new DocumentRejectedError(code, message);
}
