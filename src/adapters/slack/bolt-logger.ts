import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { scrubSecrets } from '../../engine/text/secrets.js';
import type { Logger } from 'pino';

/**
 * Bolt (and its Web API client) log through our pino logger, so their lines are
 * JSON, leveled and scrubbed of tokens. Lines below the level are dropped before
 * any formatting: the Web API client logs every request body at debug.
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  const text = (args: unknown[]) => scrubSecrets(args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : safeJson(a))).join(' '));
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    if (child.isLevelEnabled(level)) child[level](text(args));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    // The level is pino's (LOG_LEVEL); Bolt's own setting is ignored.
    setLevel: () => undefined,
    getLevel: () => (child.isLevelEnabled('debug') ? LogLevel.DEBUG : child.isLevelEnabled('info') ? LogLevel.INFO : child.isLevelEnabled('warn') ? LogLevel.WARN : LogLevel.ERROR),
    setName: () => undefined,
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
