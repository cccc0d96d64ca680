import { Assistant, type AssistantOptions } from '../engine/answer/assistant.js';
import type { KnowledgeSource } from '../engine/index/knowledge-source.js';
import type { Logger } from 'pino';
import type { Settings } from './settings.js';
import type { QueryExpander } from '../engine/retrieval/retriever.js';
import { describeAnswerMode, llmAnswersEnabled } from '../engine/llm/mode.js';
import { defaultExpander } from './expander.js';

/**
 * The one Assistant of a process (CLI, Telegram, Slack): extractive answers, and,
 * when OPENAI_API_KEY is set (and LLM_ANSWERS is not false), answers worded by the
 * chat model with verified citations and model-rewritten search queries.
 */
export async function createAssistant(source: KnowledgeSource, settings: Settings, log: Logger, extra: AssistantOptions = {}, taught?: QueryExpander): Promise<Assistant> {
  const options: AssistantOptions = { maxQuestionChars: settings.MAX_QUESTION_CHARS, ...extra };
  // Synonyms admins taught first, then English questions reach Chinese text through the dictionary bridge (unless DICTIONARY_BRIDGE=off).
  if (!('expander' in extra)) {
    const expander = defaultExpander(settings, log, taught);
    if (expander) options.expander = expander;
  }
  if (llmAnswersEnabled(settings)) {
    // The openai client loads only when a model is configured: the offline default never pays for it.
    const [{ configurationSecrets, createChatClient }, { documentTitle }, { LlmQueryRewriter }, { LlmAnswerWriter }, { LlmVocabularyRewriter }] = await Promise.all([
      import('../engine/llm/client.js'),
      import('../engine/llm/prompt.js'),
      import('../engine/llm/rewriter.js'),
      import('../engine/llm/writer.js'),
      import('../engine/llm/vocabulary-rewriter.js'),
    ]);
    const client = createChatClient(settings)!;
    const model = settings.OPENAI_MODEL;
    options.writer ??= new LlmAnswerWriter({
      client,
      model,
      timeoutMs: settings.LLM_TIMEOUT_MS,
      maxTokens: settings.LLM_MAX_TOKENS,
      log,
      secrets: configurationSecrets(settings),
    });
    options.queryRewriter ??= new LlmQueryRewriter({
      client,
      model,
      timeoutMs: settings.LLM_TIMEOUT_MS,
      log,
      documentTitle: () => documentTitle(source.current()),
    });
    // A question that would be declined gets one rewrite into the plan's words (the model sees the table of contents).
    options.vocabularyRewriter ??= new LlmVocabularyRewriter({
      client,
      model,
      timeoutMs: settings.LLM_TIMEOUT_MS,
      log,
      documentTitle: () => documentTitle(source.current()),
    });
  }
  log.info({ answerMode: describeAnswerMode(settings) }, `answers: ${describeAnswerMode(settings)}`);
  return new Assistant(source, options);
}
