import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import type { SlackRuntime } from '../runtime.js';
import { sharedText } from '../../shared/strings.js';
import { requesterOf } from './requester.js';

/**
 * Global middleware: SLACK_RATE_LIMIT_PER_MINUTE per user (shared by the workers on PostgreSQL),
 * over mentions and messages meant for the bot, /plan and button clicks, as Telegram counts its
 * messages and button presses. Past the limit the first request gets a polite notice where it was
 * made (the thread, or privately for /plan and clicks) and the rest of the minute's are dropped
 * quietly. Runs after onceOnly, so a retried event is not counted twice.
 */
export function rateLimited(rt: SlackRuntime) {
  return async function rateLimited(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    const requester = requesterOf(args);
    if (!requester) return args.next();
    const decision = await rt.rateLimiter.take(requester.user);
    if (decision.ok) return args.next();
    rt.log.info({ user: requester.user, kind: requester.kind, notified: decision.notify }, 'rate limited');
    rt.services.desk.metrics?.rateLimited('slack');
    await requester.ack?.();
    if (!decision.notify) return;
    await requester.reply(sharedText('rateLimited', requester.lang, { seconds: decision.retryInSeconds })).catch((err: unknown) => {
      rt.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not send the rate limit notice');
    });
  };
}
