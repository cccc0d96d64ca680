import type OpenAI from 'openai';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { AnswerUsage } from '../answer/types.js';

/** Why a model request gave no usable reply. */
export type ChatFailureReason = 'timeout' | 'rate-limited' | 'server-error' | 'connection' | 'rejected';

/** A failed model request, with a message fit for the admin's log (no key, no server echo of it). */
export class ChatFailure extends Error {
  constructor(
    readonly reason: ChatFailureReason,
    message: string,
    readonly usage?: AnswerUsage,
  ) {
    super(message);
    this.name = 'ChatFailure';
  }
}

export interface ChatRequest {
  model: string;
  messages: ChatCompletionMessageParam[];
  maxTokens: number;
  temperature?: number;
}

/**
 * Characters one token can stand for, at most (English runs about 4, Chinese 1–2):
 * a reply is cut at maxTokens × this whatever the server sends, so a server that
 * ignores max_tokens cannot flood a chat with a megabyte of text.
 */
const MAX_CHARS_PER_TOKEN = 4;

function maxReplyChars(maxTokens: number): number {
  return maxTokens * MAX_CHARS_PER_TOKEN;
}

export interface ChatOptions {
  /** performance.now() value by which the reply must be complete; nothing runs past it. */
  deadline: number;
  /** Streams the reply (server-sent events) and receives the text so far after every piece. */
  onText?: (text: string) => void;
}

export interface ChatReply {
  text: string;
  usage: AnswerUsage;
  /** 'length' when the reply was cut at maxTokens. */
  finishReason?: string;
}

/** Share of the time left the first attempt may use, so a retry still has time. */
const FIRST_ATTEMPT_SHARE = 0.6;
/** An attempt with less time than this is not started. */
const MIN_ATTEMPT_MS = 300;

/**
 * One chat completion within a deadline. A timeout, 429, 5xx or dropped connection
 * is retried once; the first attempt may use 60% of the time left (when streaming,
 * until its first token: after that the reply may run to the deadline). Other
 * errors (401, 400, 404: configuration problems) are not retried.
 */
export async function completeChat(client: OpenAI, request: ChatRequest, options: ChatOptions): Promise<ChatReply> {
  const usage: AnswerUsage = { model: request.model, promptTokens: 0, completionTokens: 0, totalTokens: 0, requests: 0 };
  let failure: ChatFailure | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const left = options.deadline - performance.now();
    if (left < MIN_ATTEMPT_MS) break;
    const limit = attempt === 1 ? left * FIRST_ATTEMPT_SHARE : left;
    usage.requests++;
    try {
      return await attemptOnce(client, request, options, limit, usage);
    } catch (err) {
      failure = classify(err, request.model, limit, usage);
      if (!retryable(failure.reason)) throw failure;
      const pause = retryPause(err, options.deadline);
      if (pause === undefined) break;
      await sleep(pause);
    }
  }
  throw failure ?? new ChatFailure('timeout', `model "${request.model}" had no time left to answer`, usage);
}

async function attemptOnce(client: OpenAI, request: ChatRequest, options: ChatOptions, limitMs: number, usage: AnswerUsage): Promise<ChatReply> {
  const controller = new AbortController();
  const abort = () => controller.abort(new TimeoutSignal());
  let timer = setTimeout(abort, limitMs);
  const cap = maxReplyChars(request.maxTokens);
  const body = {
    model: request.model,
    messages: request.messages,
    max_tokens: request.maxTokens,
    temperature: request.temperature ?? 0.2,
  };
  try {
    if (!options.onText) {
      const res = await client.chat.completions.create({ ...body, stream: false }, { signal: controller.signal, maxRetries: 0 });
      addTokens(usage, res.usage);
      const choice = res.choices[0];
      const whole = choice?.message?.content ?? '';
      if (whole.length > cap) return { text: whole.slice(0, cap), usage, finishReason: 'length' };
      return { text: whole, usage, ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}) };
    }
    const stream = await client.chat.completions.create(
      { ...body, stream: true, stream_options: { include_usage: true } },
      { signal: controller.signal, maxRetries: 0 },
    );
    let text = '';
    let finishReason: string | undefined;
    let started = false;
    for await (const chunk of stream) {
      addTokens(usage, chunk.usage ?? undefined);
      const choice = chunk.choices[0];
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      const delta = choice?.delta?.content;
      if (!delta) continue;
      if (!started) {
        // The model is answering: from now on only the overall deadline applies.
        started = true;
        clearTimeout(timer);
        timer = setTimeout(abort, Math.max(0, options.deadline - performance.now()));
      }
      text += delta;
      if (text.length >= cap) {
        // Enough: leaving the loop closes the stream (the server may go on for megabytes).
        text = text.slice(0, cap);
        options.onText(text);
        return { text, usage, finishReason: 'length' };
      }
      options.onText(text);
    }
    // An aborted stream may simply end: a reply cut off by our timer is a timeout, not an answer.
    if (controller.signal.aborted) throw new TimeoutSignal();
    return { text, usage, ...(finishReason ? { finishReason } : {}) };
  } catch (err) {
    if (controller.signal.aborted) throw new TimeoutSignal();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Our own attempt timer fired (the SDK reports it as a user abort). */
class TimeoutSignal extends Error {
  constructor() {
    super('attempt timed out');
  }
}

function addTokens(usage: AnswerUsage, counted: OpenAI.CompletionUsage | undefined): void {
  if (!counted) return;
  usage.promptTokens += counted.prompt_tokens ?? 0;
  usage.completionTokens += counted.completion_tokens ?? 0;
  usage.totalTokens += counted.total_tokens ?? (counted.prompt_tokens ?? 0) + (counted.completion_tokens ?? 0);
}

function classify(err: unknown, model: string, limitMs: number, usage: AnswerUsage): ChatFailure {
  const copy = { ...usage };
  if (err instanceof TimeoutSignal || err instanceof APIConnectionTimeoutError) {
    return new ChatFailure('timeout', `model "${model}" did not answer within ${Math.round(limitMs)} ms`, copy);
  }
  if (err instanceof APIConnectionError) return new ChatFailure('connection', `could not reach the chat server for model "${model}"`, copy);
  if (err instanceof APIError && typeof err.status === 'number') {
    if (err.status === 429) return new ChatFailure('rate-limited', `model "${model}" is rate-limited (HTTP 429)`, copy);
    if (err.status >= 500) return new ChatFailure('server-error', `the chat server failed (HTTP ${err.status}) for model "${model}"`, copy);
    const hint = err.status === 401 || err.status === 403 ? ' — check OPENAI_API_KEY' : err.status === 404 ? ' — check OPENAI_MODEL and OPENAI_BASE_URL' : '';
    return new ChatFailure('rejected', `the chat server rejected the request for model "${model}" (HTTP ${err.status})${hint}`, copy);
  }
  // Not an HTTP answer: a malformed stream or a bug. Said plainly, without the raw error (it may echo the request).
  return new ChatFailure('rejected', `the chat request for model "${model}" failed: ${err instanceof Error ? err.name : 'unknown error'}`, copy);
}

function retryable(reason: ChatFailureReason): boolean {
  return reason !== 'rejected';
}

/** Pause before the retry: what the server asks for (Retry-After), capped to leave the retry time; undefined: no time left. */
function retryPause(err: unknown, deadline: number): number | undefined {
  const left = deadline - performance.now();
  let wanted = 200;
  if (err instanceof APIError && err.headers) {
    const ms = Number(err.headers.get('retry-after-ms') ?? NaN);
    const seconds = Number(err.headers.get('retry-after') ?? NaN);
    if (Number.isFinite(ms) && ms >= 0) wanted = ms;
    else if (Number.isFinite(seconds) && seconds >= 0) wanted = seconds * 1000;
  }
  const pause = Math.min(wanted, left / 3);
  return left - pause < MIN_ATTEMPT_MS ? undefined : pause;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
