import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import { ConversationMemory } from '../conversation-memory.js';
import { threadAnsweredElsewhere, type SlackRuntime } from '../runtime.js';
import { incomingMessage, textOf, threadOf, type IncomingMessage } from './incoming.js';

/**
 * Global middleware: of the `message` events, only those meant for the bot go on — a DM
 * (text, or a shared document), or a reply in a channel thread the bot answered in (by this
 * worker or another). A channel message that mentions the bot is the `app_mention` event's,
 * so its `message` twin is dropped; so are other subtypes and top-level channel chatter.
 * Mentions, commands and clicks are always meant for the bot.
 */
export function addressedOnly(rt: SlackRuntime) {
  return async function addressedOnly(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    const msg = incomingMessage(args);
    if (msg?.type === 'message' && !(await addressed(rt, msg, args.context.botUserId))) return;
    await args.next();
  };
}

async function addressed(rt: SlackRuntime, msg: IncomingMessage, botUserId: string | undefined): Promise<boolean> {
  const inDm = 'channel_type' in msg && msg.channel_type === 'im';
  if (msg.subtype === 'file_share') return inDm;
  const text = textOf(msg);
  if (msg.subtype !== undefined || !text) return false;
  if (inDm) return true;
  const thread = threadOf(msg);
  if (!thread || mentions(text, botUserId)) return false;
  const key = ConversationMemory.key(msg.channel, thread);
  return rt.memory.knows(key) || (await threadAnsweredElsewhere(rt, key));
}

function mentions(text: string, botUserId: string | undefined): boolean {
  return botUserId !== undefined && text.includes(`<@${botUserId}`);
}
