/** The settings that decide how answers are worded (validated by src/app/settings.ts, passed in by the composition root). */
export interface AnswerModeSettings {
  OPENAI_API_KEY?: string | undefined;
  OPENAI_MODEL: string;
  LLM_ANSWERS?: boolean | undefined;
}

/** LLM answers are on when a key is configured, unless LLM_ANSWERS=false turns them off. */
export function llmAnswersEnabled(settings: AnswerModeSettings): boolean {
  return Boolean(settings.OPENAI_API_KEY) && settings.LLM_ANSWERS !== false;
}

/** For /about: 'extractive', or 'llm (<model>)' when answers are worded by a model. */
export function describeAnswerMode(settings: AnswerModeSettings): 'extractive' | `llm (${string})` {
  return llmAnswersEnabled(settings) ? `llm (${settings.OPENAI_MODEL})` : 'extractive';
}
