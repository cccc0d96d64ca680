import type { Settings } from '../../app/settings.js';

/** LLM answers are on when a key is configured, unless LLM_ANSWERS=false turns them off. */
export function llmAnswersEnabled(settings: Settings): boolean {
  return Boolean(settings.OPENAI_API_KEY) && settings.LLM_ANSWERS !== false;
}

/** For /about: 'extractive', or 'llm (<model>)' when answers are worded by a model. */
export function describeAnswerMode(settings: Settings): 'extractive' | `llm (${string})` {
  return llmAnswersEnabled(settings) ? `llm (${settings.OPENAI_MODEL})` : 'extractive';
}
