import type OpenAI from 'openai';
import { z } from 'zod';
import type { QueryRewrite, QueryRewriter } from '../answer/assistant.js';
import type { ConversationContext } from '../answer/types.js';
import type { Logger } from 'pino';
import type { Lang } from '../text/language.js';
import { ChatFailure, completeChat } from './chat.js';
import { TIMED_OUT, raceUntil } from './deadline.js';
import { buildRewriteMessages } from './prompt.js';

export interface LlmQueryRewriterOptions {
  client: OpenAI;
  model: string;
  /** LLM_TIMEOUT_MS: rewriting takes its share of this, the answer the rest. */
  timeoutMs: number;
  log: Logger;
  documentTitle: () => string;
}

/** Share of the question's time budget rewriting may use; the answer needs the rest. */
const REWRITE_SHARE = 0.35;
const MAX_QUERIES = 3;
const MAX_QUERY_CHARS = 200;

const Reply = z.object({
  standalone: z.string().optional(),
  queries: z.array(z.string()).optional(),
});

/**
 * Turns a follow-up into a stand-alone question and a question in another
 * language into Chinese search queries, through the chat model. Chinese questions
 * with no conversation are left alone (no request). Any failure just means the
 * question is searched as it is: rewriting improves retrieval, never gates it.
 */
export class LlmQueryRewriter implements QueryRewriter {
  constructor(private readonly options: LlmQueryRewriterOptions) {}

  async rewrite(input: { question: string; context?: ConversationContext; language: Lang; startedAt: number }): Promise<QueryRewrite | undefined> {
    const followUp = Boolean(input.context?.previousQuestion?.trim());
    const chinese = input.language === 'zh-Hant' || input.language === 'zh-Hans';
    if (!followUp && chinese) return undefined;
    const started = performance.now();
    const deadline = input.startedAt + this.options.timeoutMs * REWRITE_SHARE;
    const messages = buildRewriteMessages({ documentTitle: this.options.documentTitle(), question: input.question, ...(input.context ? { context: input.context } : {}) });
    try {
      const reply = await raceUntil(completeChat(this.options.client, { model: this.options.model, messages, maxTokens: 200, temperature: 0 }, { deadline }), deadline + 100);
      if (reply === TIMED_OUT) throw new ChatFailure('timeout', 'query rewriting had no reply by its deadline');
      const parsed = parseRewrite(reply.text);
      const queries = [...(followUp && parsed.standalone ? [parsed.standalone] : []), ...parsed.queries];
      this.options.log.debug({ model: this.options.model, ms: Math.round(performance.now() - started), queries, usage: reply.usage }, 'question rewritten for search');
      return { queries, standalone: followUp && Boolean(parsed.standalone), usage: reply.usage };
    } catch (err) {
      const failure = err instanceof ChatFailure ? err : undefined;
      // Not the parser's message: it would quote the model's reply, which is not ours to log.
      const detail = failure?.message ?? 'the reply was not the JSON asked for';
      this.options.log.warn({ model: this.options.model, reason: failure?.reason ?? 'unreadable', detail }, 'query rewriting failed; searching the question as asked');
      return failure?.usage && failure.usage.requests > 0 ? { queries: [], standalone: false, usage: failure.usage } : undefined;
    }
  }
}

/** The model's JSON (possibly wrapped in a code fence or prose); unusable output is an error. */
export function parseRewrite(text: string): { standalone?: string; queries: string[] } {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) throw new Error('the rewriting reply held no JSON object');
  const reply = Reply.parse(JSON.parse(text.slice(start, end + 1)));
  const clean = (q: string) => q.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_CHARS);
  const standalone = reply.standalone ? clean(reply.standalone) : '';
  const queries = (reply.queries ?? []).map(clean).filter(Boolean).slice(0, MAX_QUERIES);
  return { ...(standalone ? { standalone } : {}), queries };
}
