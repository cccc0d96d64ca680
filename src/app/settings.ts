import path from 'node:path';
import { z } from 'zod';
import { parseIdList } from '../engine/text/id-list.js';

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
  .transform((v) => (v?.trim() ? v.trim() : undefined));
/** Comma- or space-separated numeric ids (Telegram user and chat ids; groups are negative). */
const telegramIds = z
  .string()
  .optional()
  .transform((v) => parseIdList(v))
  .refine((ids) => ids.every((id) => /^-?\d+$/.test(id)), { message: 'expected numeric Telegram ids separated by commas, e.g. 12345678,-1001234567890' });
/** Comma- or space-separated Slack ids (T… workspaces, C…/G… channels, U…/W… users). */
const slackIds = z
  .string()
  .optional()
  .transform((v) => parseIdList(v))
  .refine((ids) => ids.every((id) => /^[A-Z][A-Z0-9]{2,}$/.test(id)), { message: 'expected Slack ids (capital letters and digits, e.g. C0123ABCD) separated by commas' });
const url = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim().replace(/\/+$/, '') : undefined))
  .refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), { message: 'expected an http(s):// URL' });

/** Every setting PlanBot reads from the environment (mirrored, with comments, in .env.example). */
const SettingsSchema = z.object({
  CORPUS_DIR: z.string().default('corpus'),
  INDEXES_DIR: z.string().default('indexes'),
  DATA_DIR: z.string().default('data'),
  /** postgres://user:password@host:port/db: status, history, question log, feedback and dedup in PostgreSQL instead of DATA_DIR/planbot.sqlite. */
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v), {
    message: 'expected postgres://user:password@host:5432/database (or empty for the SQLite file in DATA_DIR)',
  }),
  // Unset: info for the bots, warn for CLI commands (their output is the answer).
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  // json: one JSON object per line (for log collectors); pretty: readable lines for people (pino-pretty).
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  // GET /healthz and /metrics on this port too; needed in polling and Socket Mode, which have no HTTP port.
  METRICS_PORT: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),

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
  /** Word answers with the chat model when OPENAI_API_KEY is set (false: extractive answers only). */
  LLM_ANSWERS: bool,

  MAX_QUESTION_CHARS: int(2000, 50),

  LOG_RETENTION_DAYS: int(90, 0),
  // on: `planbot ask` questions are logged (and counted by planbot stats) like the bots'; off: answered, not logged.
  CLI_LOG_QUESTIONS: onByDefault,
  QUESTION_LOG_SALT: optionalString,
  INDEX_KEEP: int(5, 1),
  MAX_DOCUMENT_MB: z.coerce.number().positive().default(20),
  // What reading an uploaded document may cost (src/services/reindex/ingest/limits.ts): text, unpacked .docx XML, worker heap and time.
  MAX_DOCUMENT_TEXT_MB: z.coerce.number().positive().default(1),
  MAX_DOCUMENT_UNPACKED_MB: z.coerce.number().positive().default(10),
  DOCUMENT_PARSE_MB: int(128, 32),
  DOCUMENT_PARSE_SECONDS: z.coerce.number().positive().default(30),
  INDEX_WATCH_MS: int(2000, 100),
  REINDEX_CONFIRM_MINUTES: int(30, 1),
  // --- Slack (src/adapters/slack/settings.ts turns these into the app's settings) ---
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Slack member ids (U…), comma- or space-separated. */
  SLACK_ADMIN_IDS: z
    .string()
    .optional()
    .transform((v) => parseIdList(v)),
  SLACK_RATE_LIMIT_PER_MINUTE: int(20, 0),
  // Allow-lists (empty: everyone): workspaces, channels (DMs are not channels) and users the bot answers.
  SLACK_ALLOWED_TEAM_IDS: slackIds,
  SLACK_ALLOWED_CHANNEL_IDS: slackIds,
  SLACK_ALLOWED_USER_IDS: slackIds,
  // on: aligned translations declared in corpus.json are indexed and quoted to non-Chinese askers.
  // off: they are left out of the index and the answers (documents with no translation, measurement).
  TRANSLATIONS: onByDefault,
  // on: English question words are looked up in CC-CEDICT and searched as Chinese words too.
  DICTIONARY_BRIDGE: onByDefault,
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

/** The names of every setting, for checks that documentation and .env.example list them all. */
export const SETTING_NAMES: readonly string[] = Object.keys(SettingsSchema.shape);

/**
 * Reads a .env file into the environment if there is one (variables already set win),
 * so `npm start` picks up the settings an admin wrote there.
 */
export function loadEnvFile(file = '.env'): boolean {
  try {
    process.loadEnvFile(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new Error(`Cannot read the settings file ${path.resolve(file)}: ${(err as Error).message}`);
  }
}

export type Settings = z.infer<typeof SettingsSchema> & {
  corpusDir: string;
  indexesDir: string;
  dataDir: string;
  /** Where hub models are looked for and downloaded to: TRANSFORMERS_CACHE_DIR, default ./models. */
  transformersCacheDir: string;
};

/**
 * What the entry point reads from the environment before (or without) valid settings: with
 * LOG_LEVEL=debug a failure shows its stack trace even when another setting is what failed;
 * PLANBOT_REPORT_PEAK_RSS (the bench's hook, not a user setting) prints the process's peak memory at exit.
 */
export function entrySwitches(env: NodeJS.ProcessEnv = process.env): { stackTraces: boolean; reportPeakRss: boolean; terminalLocale: string } {
  return { stackTraces: env.LOG_LEVEL === 'debug', reportPeakRss: Boolean(env.PLANBOT_REPORT_PEAK_RSS), terminalLocale: env.LC_ALL || env.LC_MESSAGES || env.LANG || '' };
}

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
    transformersCacheDir: path.resolve(cwd, s.TRANSFORMERS_CACHE_DIR ?? 'models'),
  };
}
