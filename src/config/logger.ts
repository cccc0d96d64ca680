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

/** Masks anything token-shaped in free text (error messages from HTTP clients may echo them). */
export function scrubSecrets(text: string): string {
  return text
    .replace(/\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/g, '[redacted-telegram-token]')
    .replace(/\bx(?:ox[abpr]|app)-[A-Za-z0-9-]{10,}\b/g, '[redacted-slack-token]')
    .replace(/\bsk-[A-Za-z0-9_-]{16,}\b/g, '[redacted-api-key]')
    .replace(/(bearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi, '$1[redacted]')
    // The password in a URL such as DATABASE_URL (postgres://user:password@host/db).
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]+@/gi, '$1***@');
}
