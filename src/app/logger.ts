import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';


/** Secrets never reach the logs, whatever object they ride in on. */
const REDACT = [
  '*.token', '*.botToken', '*.apiKey', '*.api_key', '*.secret', '*.signingSecret', '*.appToken', '*.password', '*.authorization',
  'headers.authorization', 'req.headers.authorization', 'OPENAI_API_KEY', 'TELEGRAM_BOT_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'QUESTION_LOG_SALT',
  'DATABASE_URL', '*.connectionString', '*.databaseUrl',
];

/**
 * Logs on stderr, so stdout stays clean for answers and `--json` output: JSON lines for machines,
 * or with LOG_FORMAT=pretty one coloured line per entry for people. Redaction happens before
 * either format is written.
 */
export function createLogger(level: string, format?: string): Logger {
  const destination = format === 'pretty' ? prettyStream() : pino.destination(2);
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'planbot' } }, destination);
}

/** pino-pretty, written synchronously to stderr (loaded only when asked for: JSON needs none of it). */
function prettyStream(): DestinationStream {
  const pretty = createRequire(import.meta.url)('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;
  return pretty({ destination: 2, sync: true, colorize: process.stderr.isTTY === true, ignore: 'pid,hostname', translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l' });
}

