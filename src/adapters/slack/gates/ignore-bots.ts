import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import { authorOf, botOf, incomingMessage } from './incoming.js';

/**
 * Global middleware: a mention or message reaches the handlers only when a person wrote it.
 * This bot's own posts (echoed back in its threads), other bots' posts, and messages Slack
 * sends without a user (edits, deletions) are dropped. Events are acknowledged by Bolt
 * before middleware runs, so dropping one is enough.
 */
export async function ignoreBots(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  const msg = incomingMessage(args);
  if (msg) {
    const author = authorOf(msg);
    if (botOf(msg) || author === undefined || author === args.context.botUserId) return;
  }
  await args.next();
}
