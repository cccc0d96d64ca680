import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import { claimAcrossWorkers, claimMessage, type SlackRuntime } from '../runtime.js';
import { incomingMessage } from './incoming.js';

/**
 * Global middleware: a mention or message goes on the first time it is seen only — in this
 * process (a Slack retry, or the same message as both `app_mention` and `message`), then across
 * workers (the database's inbound_events). Runs after addressedOnly, so a `message` twin that
 * is not ours never claims the mention first.
 */
export function onceOnly(rt: SlackRuntime) {
  return async function onceOnly(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    const msg = incomingMessage(args);
    if (msg) {
      const { teamId, retryNum } = args.context;
      const first = claimMessage(rt, msg.channel, msg.ts) && (await claimAcrossWorkers(rt, `slack:${teamId ?? ''}:${msg.channel}:${msg.ts}`));
      if (!first) {
        rt.log.debug({ channel: msg.channel, ts: msg.ts, retryNum }, 'already answered: ignoring a retry or duplicate event');
        return;
      }
    }
    await args.next();
  };
}
