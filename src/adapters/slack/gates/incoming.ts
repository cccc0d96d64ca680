import type { AnyMiddlewareArgs, KnownEventFromType, types } from '@slack/bolt';

/** The events the bot answers: a mention in a channel, or a message (DM, thread reply, shared file). */
export type IncomingMessage = types.AppMentionEvent | KnownEventFromType<'message'>;

/** The mention or message a request carries, or undefined for commands, clicks and other events. */
export function incomingMessage(args: AnyMiddlewareArgs): IncomingMessage | undefined {
  if (!('event' in args)) return undefined;
  const { event } = args;
  return event.type === 'app_mention' || event.type === 'message' ? event : undefined;
}

/** Who wrote it: undefined for edits, deletions and other messages Slack sends without a user. */
export function authorOf(msg: IncomingMessage): string | undefined {
  return 'user' in msg && typeof msg.user === 'string' && msg.user !== '' ? msg.user : undefined;
}

/** The bot that wrote it, if a bot did. */
export function botOf(msg: IncomingMessage): string | undefined {
  return 'bot_id' in msg && typeof msg.bot_id === 'string' && msg.bot_id !== '' ? msg.bot_id : undefined;
}

export function textOf(msg: IncomingMessage): string {
  return 'text' in msg && typeof msg.text === 'string' ? msg.text : '';
}

export function threadOf(msg: IncomingMessage): string | undefined {
  return 'thread_ts' in msg && typeof msg.thread_ts === 'string' ? msg.thread_ts : undefined;
}

/**
 * Where the reply to it goes: a mention is answered in its thread (a new one for a top-level
 * mention); a message where it was written (a top-level DM gets a top-level reply).
 */
export function replyThreadOf(msg: IncomingMessage): string | undefined {
  return msg.type === 'app_mention' ? (msg.thread_ts ?? msg.ts) : threadOf(msg);
}
