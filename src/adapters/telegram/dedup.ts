import type { NextFunction } from 'grammy';
import { claimWithin, WORKER_ID } from '../../services/storage/inbound-events.js';
import { InboundClaimBatcher } from '../../services/storage/inbound-claims.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';

/**
 * Handles each update once across every worker sharing the database: the first to claim
 * `telegram:<bot id>:<update_id>` (INSERT … ON CONFLICT in inbound_events; the claims of
 * updates that arrive together share one statement) answers; a copy delivered to another
 * worker, or re-sent after a timeout, is dropped.
 * If the database cannot be reached the update is handled (a reply twice beats none).
 */
export function onceAcrossWorkers(deps: Pick<TelegramDeps, 'desk' | 'log'>) {
  // Updates arrive in bursts (one getUpdates brings many): their claims share a statement.
  const claims = new InboundClaimBatcher(deps.desk.db, WORKER_ID);
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    const key = `telegram:${ctx.me.id}:${ctx.update.update_id}`;
    let first = true;
    try {
      const claimed = await claimWithin(claims.claim(key));
      if (claimed === undefined) deps.log.warn({ updateId: ctx.update.update_id }, 'the database did not record the update in time: handling it anyway');
      first = claimed ?? true;
    } catch (err) {
      deps.log.warn({ err: err instanceof Error ? err.message : String(err), updateId: ctx.update.update_id }, 'could not record the update as handled: handling it anyway');
    }
    if (!first) {
      deps.log.debug({ updateId: ctx.update.update_id }, 'update already handled by another worker: ignored');
      return;
    }
    return next();
  };
}
