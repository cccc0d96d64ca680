import { scrubSecrets } from '../engine/text/secrets.js';
import type { Logger } from 'pino';

/** More uncaught exceptions than this within a minute: the process is not healthy, let the service manager restart it. */
const MAX_UNCAUGHT_PER_MINUTE = 20;

export interface ProcessGuard {
  /** Handles one error as the process-level listener would (exposed for tests). */
  handle(kind: 'unhandledRejection' | 'uncaughtException', err: unknown): void;
  dispose(): void;
}

/**
 * Keeps the process (and so the other front end) serving when one request's code
 * throws outside every handler: Telegram and Slack share a process, and a stray
 * rejection in Bolt or grammY would otherwise end both. Each one is logged with
 * its stack (secrets scrubbed). A burst of uncaught exceptions means something is
 * broken for good: then the process exits with code 1 so a service manager restarts it.
 */
export function keepServingOnErrors(log: Logger, options: { exit?: (code: number) => void; now?: () => number } = {}): ProcessGuard {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const now = options.now ?? Date.now;
  let recent: number[] = [];
  const handle = (kind: 'unhandledRejection' | 'uncaughtException', err: unknown) => {
    const message = scrubSecrets(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    const stack = err instanceof Error && err.stack ? scrubSecrets(err.stack.split('\n').slice(1, 6).join('\n')) : undefined;
    log.error({ kind, err: message, ...(stack ? { stack } : {}) }, `${kind} caught at process level; still serving`);
    if (kind !== 'uncaughtException') return;
    const t = now();
    recent = [...recent.filter((at) => t - at < 60_000), t];
    if (recent.length > MAX_UNCAUGHT_PER_MINUTE) {
      log.fatal({ count: recent.length }, 'too many uncaught exceptions in a minute; exiting so the service manager restarts PlanBot');
      exit(1);
    }
  };
  const onRejection = (err: unknown) => handle('unhandledRejection', err);
  const onException = (err: unknown) => handle('uncaughtException', err);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    handle,
    dispose() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
