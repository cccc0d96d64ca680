import { parentPort, workerData } from 'node:worker_threads';
import { extractDocument, type ExtractedDocument } from './extract.js';
import type { DocumentLimits } from './limits.js';
import { DocumentRejectedError, type RejectionCode } from './rejection.js';

/** What the serving thread sends: the file and the limits it is read under. */
export interface ExtractRequest {
  filename: string;
  bytes: Uint8Array;
  limits: DocumentLimits;
}

/** What comes back: the text, the reason it was refused, or an unexpected failure. */
export type ExtractReply = { ok: true; document: ExtractedDocument } | { ok: false; rejected: { code: RejectionCode; message: string } } | { ok: false; failed: string };

// The worker that reads one document (started by extract-isolated.ts), so a
// document that is too big or too slow to parse costs this thread, not the bot.
const request = workerData as ExtractRequest;
let reply: ExtractReply;
try {
  reply = { ok: true, document: await extractDocument(request.filename, request.bytes, request.limits) };
} catch (err) {
  reply = err instanceof DocumentRejectedError ? { ok: false, rejected: { code: err.code, message: err.message } } : { ok: false, failed: err instanceof Error ? err.message : String(err) };
}
parentPort!.postMessage(reply);
