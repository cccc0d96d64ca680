import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes'].includes(v)));
/** on/off switches that default to on (also accept true/false, 1/0, yes/no). */
const onByDefault = z
  .enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === undefined || v === '' || ['on', 'true', '1', 'yes'].includes(v));
const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

/** Every setting PlanBot reads from the environment (mirrored, with comments, in .env.example). */
const SettingsSchema = z.object({
  CORPUS_DIR: z.string().default('corpus'),
  INDEXES_DIR: z.string().default('indexes'),
  DATA_DIR: z.string().default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  EMBEDDER: z.enum(['auto', 'lexical', 'transformers', 'openai']).default('auto'),
  TRANSFORMERS_MODEL: z.string().default('Xenova/multilingual-e5-small'),
  TRANSFORMERS_CACHE_DIR: optionalString,
  TRANSFORMERS_ALLOW_REMOTE: bool,
  TRANSFORMERS_DTYPE: optionalString,

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString,
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: optionalString,
  LLM_TIMEOUT_MS: int(20_000, 1000),
  LLM_MAX_TOKENS: int(800, 16),

  MAX_QUESTION_CHARS: int(2000, 50),

  // on: aligned translations declared in corpus.json are indexed and quoted to non-Chinese askers.
  // off: they are left out of the index and the answers (documents with no translation, measurement).
  TRANSLATIONS: onByDefault,
  // on: English question words are looked up in CC-CEDICT and searched as Chinese words too.
  DICTIONARY_BRIDGE: onByDefault,
});

export type Settings = z.infer<typeof SettingsSchema> & {
  corpusDir: string;
  indexesDir: string;
  dataDir: string;
};

/** Reads settings from the environment; a bad value stops start-up with the name of the setting. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const parsed = SettingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid settings (check your .env): ${problems}`);
  }
  const s = parsed.data;
  return {
    ...s,
    corpusDir: path.resolve(cwd, s.CORPUS_DIR),
    indexesDir: path.resolve(cwd, s.INDEXES_DIR),
    dataDir: path.resolve(cwd, s.DATA_DIR),
  };
}
