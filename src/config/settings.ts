import path from 'node:path';
import { z } from 'zod';
import { parseIdList } from '../chat/permissions.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes'].includes(v)));
const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));
/** Comma- or space-separated numeric ids (Telegram user and chat ids; groups are negative). */
const telegramIds = z
  .string()
  .optional()
  .transform((v) => parseIdList(v))
  .refine((ids) => ids.every((id) => /^-?\d+$/.test(id)), { message: 'expected numeric Telegram ids separated by commas, e.g. 12345678,-1001234567890' });
const url = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim().replace(/\/+$/, '') : undefined))
  .refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), { message: 'expected an http(s):// URL' });

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

  TELEGRAM_BOT_TOKEN: optionalString.refine((v) => v === undefined || /^\d+:[A-Za-z0-9_-]+$/.test(v), {
    message: 'does not look like a token from @BotFather (digits, a colon, then letters)',
  }),
  TELEGRAM_API_ROOT: url,
  TELEGRAM_WEBHOOK_URL: url,
  TELEGRAM_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), {
    message: 'Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and -',
  }),
  TELEGRAM_WEBHOOK_HOST: z.string().default('0.0.0.0'),
  TELEGRAM_WEBHOOK_PORT: int(8080, 1).refine((p) => p <= 65535, { message: 'a TCP port (1-65535)' }),
  TELEGRAM_ADMIN_IDS: telegramIds,
  TELEGRAM_ALLOWED_CHAT_IDS: telegramIds,
  TELEGRAM_RATE_LIMIT_PER_MINUTE: int(20, 0),
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
