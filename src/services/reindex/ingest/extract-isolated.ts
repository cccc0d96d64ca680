import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { checkFile, type ExtractedDocument } from './extract.js';
import type { ExtractReply, ExtractRequest } from './extract-worker.js';
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from './limits.js';
import { DocumentRejectedError } from './rejection.js';

/**
 * Reads a document in a worker thread with a heap cap and a time bound, so a
 * document that would take gigabytes or minutes to parse fails alone with a
 * message for the admin, while the serving thread keeps answering questions.
 * One document is read at a time in a process, so the caps bound the total.
 * Cheap checks (size, empty, format) run here first, without a worker.
 */
export async function extractDocumentIsolated(filename: string, bytes: Uint8Array, given: Pick<DocumentLimits, 'maxBytes'> & Partial<DocumentLimits>): Promise<ExtractedDocument> {
  const limits: DocumentLimits = { ...DEFAULT_DOCUMENT_LIMITS, ...given };
  checkFile(filename, bytes, limits);
  const turn = queue.then(() => runWorker({ filename, bytes, limits }));
  queue = turn.then(
    () => undefined,
    () => undefined,
  );
  return turn;
}

let queue: Promise<void> = Promise.resolve();

function runWorker(request: ExtractRequest): Promise<ExtractedDocument> {
  const { parseMb, parseMs } = request.limits;
  return new Promise<ExtractedDocument>((resolve, rejectPromise) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const fail = (err: unknown) => settle(() => rejectPromise(err));
    const worker = startWorker(request, parseMb);
    const timer = setTimeout(() => {
      fail(new DocumentRejectedError('parse-limit', `Reading the document took longer than ${seconds(parseMs)} s (DOCUMENT_PARSE_SECONDS) and was stopped. Save it again as a simpler file (.txt or .docx), or split it.`));
    }, parseMs);
    worker.once('message', (reply: ExtractReply) => {
      if (reply.ok) settle(() => resolve(reply.document));
      else if ('rejected' in reply) fail(new DocumentRejectedError(reply.rejected.code, reply.rejected.message));
      else fail(new Error(`the document reader failed: ${reply.failed}`));
    });
    worker.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        fail(new DocumentRejectedError('parse-limit', `Reading the document ran out of its ${parseMb} MB parsing budget (DOCUMENT_PARSE_MB) and was stopped. Save it again as a simpler file (.txt or .docx), or split it.`));
      } else {
        fail(new Error(`the document reader failed: ${err.message}`));
      }
    });
    worker.once('exit', (code) => fail(new Error(`the document reader stopped (exit code ${code}) before giving an answer`)));
  });
}

/** The worker script: compiled JavaScript next to this file, or the TypeScript source loaded through tsx. */
function startWorker(request: ExtractRequest, parseMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: parseMb, maxYoungGenerationSizeMb: Math.max(8, Math.min(32, Math.round(parseMb / 8))) };
  const options = { workerData: request, resourceLimits };
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./extract-worker.js', here), options);
  // Running from sources (tsx, vitest): the worker registers tsx itself, as bin/planbot.js does.
  const tsx = pathToFileURL(createRequire(fileURLToPath(here)).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./extract-worker.ts', here).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1);
}
