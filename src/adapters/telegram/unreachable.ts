import { HttpError, type Transformer } from 'grammy';
import { scrubSecrets } from '../../engine/text/secrets.js';
import type { Logger } from 'pino';

/**
 * Installed inside auto-retry, which retries network failures without end: every
 * failed attempt to reach the Bot API is logged, so a bot that cannot reach
 * Telegram (no network, a wrong TELEGRAM_API_ROOT) says so instead of waiting in
 * silence. Polling's own long waits are not failures and are not logged.
 */
export function reportUnreachableApi(log: Pick<Logger, 'warn'>, apiRoot: string): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (err) {
      if (err instanceof HttpError && !signal?.aborted) {
        log.warn({ method, apiRoot, err: scrubSecrets(err.message) }, `cannot reach the Telegram Bot API at ${apiRoot}; retrying (check the network or TELEGRAM_API_ROOT)`);
      }
      throw err;
    }
  };
}
