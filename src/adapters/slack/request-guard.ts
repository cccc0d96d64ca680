import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { checkSlackRequest, MAX_FUTURE_SKEW_SEC, SIGNATURE_WINDOW_SEC } from './request-check.js';

/** Bolt's own default body limit. */
const BODY_LIMIT = 4 * 1024 * 1024;

export interface RequestGuardOptions {
  signingSecret: string;
  log: Logger;
  /** The paths Bolt serves events on (default /slack/events). */
  endpoints?: readonly string[];
  now?: () => number;
}

/**
 * Wraps Bolt's HTTP request listener: every POST to the events endpoint is read,
 * its signature and timestamp checked, its body checked to be an object Bolt can
 * handle, and a replay (the same signed bytes again within the signature window)
 * acknowledged without being handled a second time. Only then does Bolt see it
 * (it reuses the buffered body as `req.rawBody`). Anything else goes straight to Bolt.
 */
export function guardSlackRequests(boltListener: RequestListener, options: RequestGuardOptions): RequestListener {
  const endpoints = new Set(options.endpoints ?? ['/slack/events']);
  const now = options.now ?? Date.now;
  // A replay is refused by Bolt's staleness check after 5 minutes; the clock skew we allow extends that.
  // ttlResolution 0: read the (injectable) clock on every check rather than caching it for a millisecond.
  const seen = new LRUCache<string, true>({ max: 100_000, ttl: (SIGNATURE_WINDOW_SEC + MAX_FUTURE_SKEW_SEC + 60) * 1000, perf: { now }, ttlResolution: 0 });
  return (req, res) => {
    const pathname = (req.url ?? '').split('?')[0]!;
    if (req.method !== 'POST' || !endpoints.has(pathname)) {
      boltListener(req, res);
      return;
    }
    void readBody(req)
      .then((raw) => {
        if (raw === undefined) return reply(res, 413, 'request body too large');
        // Slack sends each of the headers read once, so none of them is a string[].
        const verdict = checkSlackRequest(raw, req.headers as Record<string, string | undefined>, options.signingSecret, now());
        if (!verdict.ok) {
          options.log.warn({ status: verdict.status, reason: verdict.reason }, verdict.status === 400 ? 'refused a malformed Slack request' : 'refused a Slack request');
          return reply(res, verdict.status, verdict.reason);
        }
        if (verdict.replayKey) {
          if (seen.has(verdict.replayKey)) {
            // Same bytes, same second, same signature: Slack never sends that twice; someone replayed it.
            options.log.warn('ignored a replayed Slack request (same signature seen within 5 minutes)');
            return reply(res, 200, '');
          }
          seen.set(verdict.replayKey, true);
        }
        // Bolt's HTTPReceiver reads an already-buffered body from `rawBody` (a field Node's type does not have).
        (req as IncomingMessage & { rawBody: Buffer }).rawBody = raw;
        boltListener(req, res);
      })
      .catch((err: unknown) => {
        options.log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not handle a Slack request');
        if (!res.headersSent) reply(res, 500, 'internal error');
      });
  };
}

/** The whole body, or undefined past the limit (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(message ? `${message}\n` : '');
}
