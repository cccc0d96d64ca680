import type { NextFunction } from 'grammy';
import { claimInboundEventWithin, WORKER_ID } from '../../services/storage/inbound-events.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';

/**
 * Handles each update once across every worker sharing the database: the first to claim
 * `telegram:<bot id>:<update_id>` (INSERT … ON CONFLICT DO NOTHING in inbound_events)
 * answers; a copy delivered to another worker, or re-sent after a timeout, is dropped.
 * If the database cannot be reached the update is handled (a reply twice beats none).
 */
export function onceAcrossWorkers(deps: Pick<TelegramDeps, 'desk' | 'log'>) {
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    const key = `telegram:${ctx.me.id}:${ctx.update.update_id}`;
    let first = true;
    try {
      const claimed = await claimInboundEventWithin(deps.desk.db, key, WORKER_ID);
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
