import type { AnswerUsage } from './types.js';

/** Sum of two usage records (either may be missing), e.g. query rewriting plus answer writing. */
export function addUsage(a: AnswerUsage | undefined, b: AnswerUsage | undefined): AnswerUsage | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    model: a.model === b.model ? a.model : `${a.model}+${b.model}`,
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
    requests: a.requests + b.requests,
  };
}
