import pino, { type Logger } from 'pino';

export type { Logger };

/** Secrets never reach the logs, whatever object they ride in on. */
const REDACT = [
  '*.token', '*.botToken', '*.apiKey', '*.api_key', '*.secret', '*.signingSecret', '*.appToken', '*.password', '*.authorization',
  'headers.authorization', 'req.headers.authorization', 'OPENAI_API_KEY', 'TELEGRAM_BOT_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'QUESTION_LOG_SALT',
  'DATABASE_URL', '*.connectionString', '*.databaseUrl',
];

/** JSON logs on stderr, so stdout stays clean for answers and `--json` output. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'planbot' } }, pino.destination(2));
}

// scrubSecrets is plain text work that every layer needs; it lives in src/text/ (re-exported here).
export { scrubSecrets } from '../text/secrets.js';
