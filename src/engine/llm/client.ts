import OpenAI from 'openai';
import { llmAnswersEnabled, type AnswerModeSettings } from './mode.js';

/** The settings the chat client is made from (validated by src/app/settings.ts). */
export interface ChatClientSettings extends AnswerModeSettings {
  OPENAI_BASE_URL?: string | undefined;
  LLM_TIMEOUT_MS: number;
}

/**
 * The chat client for answers and query rewriting, or undefined when LLM answers
 * are off. The SDK's own retries and timeout are disabled: completeChat retries
 * once within the answer's time budget, which the SDK cannot know about.
 */
export function createChatClient(settings: ChatClientSettings): OpenAI | undefined {
  if (!llmAnswersEnabled(settings)) return undefined;
  return new OpenAI({
    apiKey: settings.OPENAI_API_KEY,
    ...(settings.OPENAI_BASE_URL ? { baseURL: settings.OPENAI_BASE_URL } : {}),
    maxRetries: 0,
    timeout: settings.LLM_TIMEOUT_MS + 1000,
  });
}

/** Literal configuration values no reply may contain (the key; the server address may be internal). */
export function configurationSecrets(settings: Pick<ChatClientSettings, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL'>): string[] {
  return [settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL].filter((v): v is string => Boolean(v && v.length >= 8));
}
