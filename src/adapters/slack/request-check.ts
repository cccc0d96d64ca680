import { parse as parseQuery } from 'node:querystring';
import { verifySlackRequest } from '@slack/bolt';

/**
 * The checks a Slack HTTP request passes before Bolt sees it. Bolt verifies the
 * signature and staleness, but a signed body that is not an object (`null`,
 * `payload=null`, an array) makes it throw outside any handler, which ends the
 * process; and it accepts timestamps from the future. These are pure functions
 * over the raw request: src/adapters/slack/request-guard.ts applies them.
 */

/** How far in the future a request timestamp may be (clock skew between Slack and us). */
export const MAX_FUTURE_SKEW_SEC = 60;
/** Slack's own staleness window: a signature older than this is refused (by Bolt and here). */
export const SIGNATURE_WINDOW_SEC = 5 * 60;

export type RequestVerdict =
  | { ok: true; /** The signature header: the same bytes at the same second have the same one. */ replayKey?: string }
  | { ok: false; status: 400 | 401; reason: string };

export interface RequestHeaders {
  'content-type'?: string | undefined;
  'x-slack-signature'?: string | undefined;
  'x-slack-request-timestamp'?: string | undefined;
}

export function checkSlackRequest(raw: Buffer, headers: RequestHeaders, signingSecret: string, nowMs: number = Date.now()): RequestVerdict {
  const text = raw.toString('utf8');
  const type = headers['content-type'] ?? '';
  // Slack's SSL check carries no signature; Bolt answers it and strips anything else.
  if (type === 'application/x-www-form-urlencoded' && parseQuery(text).ssl_check === '1') return { ok: true };

  const signature = headers['x-slack-signature'];
  const timestamp = Number(headers['x-slack-request-timestamp']);
  if (!signature || !Number.isFinite(timestamp)) return { ok: false, status: 401, reason: 'missing Slack signature headers' };
  if (timestamp > nowMs / 1000 + MAX_FUTURE_SKEW_SEC) return { ok: false, status: 401, reason: `request timestamp is more than ${MAX_FUTURE_SKEW_SEC} s in the future` };
  try {
    verifySlackRequest({ signingSecret, body: text, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp }, nowMilliseconds: nowMs });
  } catch {
    return { ok: false, status: 401, reason: 'bad or stale Slack signature' };
  }
  const shape = bodyShapeProblem(text, type);
  if (shape) return { ok: false, status: 400, reason: shape };
  return { ok: true, replayKey: signature };
}

/** Why a signed body is not one Bolt can handle (undefined when it is): parsed as Bolt parses it. */
function bodyShapeProblem(text: string, contentType: string): string | undefined {
  let body: unknown;
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = parseQuery(text);
    if (typeof form.payload !== 'string') return typeof form.command === 'string' ? undefined : 'form body without a command or payload';
    body = parseJson(form.payload);
  } else if (contentType === 'application/json' || contentType.startsWith('application/json;')) {
    body = parseJson(text);
  } else {
    return `unsupported content type "${contentType.slice(0, 60)}"`;
  }
  if (body === NOT_JSON) return 'body is not valid JSON';
  if (!isObject(body)) return `body is ${body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`}, not an object`;
  if (typeof body.type !== 'string') return 'body has no type';
  if (body.type === 'event_callback' && !isObject(body.event)) return 'event_callback without an event object';
  return undefined;
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
