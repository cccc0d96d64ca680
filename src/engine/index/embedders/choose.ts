import type { Logger } from 'pino';
import type { Embedder, EmbedderInfo, EmbedderName } from '../embedder.js';
import { createLexicalEmbedder } from './lexical.js';
import { createTransformersEmbedder, transformersInstalled, transformersModelAvailable, type TransformersEmbedderOptions } from './transformers.js';

/** The settings the embedder is chosen and made from (validated by src/app/settings.ts). */
export interface EmbedderSettings {
  EMBEDDER: EmbedderName | 'auto';
  TRANSFORMERS_MODEL: string;
  /** TRANSFORMERS_CACHE_DIR resolved, default ./models. */
  transformersCacheDir: string;
  TRANSFORMERS_ALLOW_REMOTE?: boolean | undefined;
  TRANSFORMERS_DTYPE?: string | undefined;
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  OPENAI_EMBEDDING_MODEL?: string | undefined;
  LLM_TIMEOUT_MS: number;
}

function transformersOptions(settings: EmbedderSettings, allowRemote: boolean): TransformersEmbedderOptions {
  return {
    model: settings.TRANSFORMERS_MODEL,
    allowRemote,
    cacheDir: settings.transformersCacheDir,
    ...(settings.TRANSFORMERS_DTYPE ? { dtype: settings.TRANSFORMERS_DTYPE } : {}),
  };
}

async function create(name: EmbedderName, settings: EmbedderSettings): Promise<Embedder> {
  switch (name) {
    case 'lexical':
      return createLexicalEmbedder();
    case 'transformers':
      return createTransformersEmbedder(transformersOptions(settings, settings.TRANSFORMERS_ALLOW_REMOTE ?? true));
    case 'openai': {
      if (!settings.OPENAI_API_KEY || !settings.OPENAI_EMBEDDING_MODEL) {
        throw new Error('EMBEDDER=openai needs OPENAI_API_KEY and OPENAI_EMBEDDING_MODEL (and OPENAI_BASE_URL for a non-OpenAI server).');
      }
      // Loaded on demand: the openai client is not needed by the offline default.
      const { createOpenAIEmbedder } = await import('./openai.js');
      return createOpenAIEmbedder({
        apiKey: settings.OPENAI_API_KEY,
        model: settings.OPENAI_EMBEDDING_MODEL,
        ...(settings.OPENAI_BASE_URL ? { baseURL: settings.OPENAI_BASE_URL } : {}),
        timeoutMs: settings.LLM_TIMEOUT_MS,
      });
    }
  }
}

/**
 * EMBEDDER=auto: keep the embedder the current index was built with when it can
 * run here; otherwise the best one available without waiting on the network
 * (an embeddings API if configured, local transformer files, else lexical).
 * Says in one log line which it chose and why.
 */
export async function chooseEmbedder(settings: EmbedderSettings, log: Logger, built?: EmbedderInfo): Promise<Embedder> {
  if (settings.EMBEDDER !== 'auto') return create(settings.EMBEDDER, settings);

  const files = await transformersModelAvailable(transformersOptions(settings, false));
  // Model files alone are not enough: the optional package that runs them must be installed too.
  const local = files.ok && !transformersInstalled() ? { ok: false, reason: `${files.reason}, but @huggingface/transformers is not installed (npm run install-neural)` } : files;
  const openaiReady = Boolean(settings.OPENAI_API_KEY && settings.OPENAI_EMBEDDING_MODEL);
  const usable = (name: EmbedderName) => name === 'lexical' || (name === 'transformers' && local.ok) || (name === 'openai' && openaiReady);

  let choice: EmbedderName;
  let why: string;
  if (built && usable(built.name)) {
    choice = built.name;
    why = `the current index was built with it (${built.model})`;
  } else if (openaiReady) {
    choice = 'openai';
    why = `OPENAI_EMBEDDING_MODEL=${settings.OPENAI_EMBEDDING_MODEL} is configured`;
  } else if (local.ok) {
    choice = 'transformers';
    why = `model files for ${settings.TRANSFORMERS_MODEL} are present locally`;
  } else {
    choice = 'lexical';
    why = `no embeddings API is configured and ${local.reason}; the built-in lexical embedder needs no model`;
  }
  log.info({ embedder: choice }, `EMBEDDER=auto chose ${choice}: ${why}`);
  if (choice === 'transformers') return createTransformersEmbedder(transformersOptions(settings, false));
  return create(choice, settings);
}
