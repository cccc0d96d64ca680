import type { App, webApi } from '@slack/bolt';
import type { Answer } from '../../answer/types.js';
import { withApology } from './guard.js';
import { ConversationMemory } from './conversation-memory.js';
import type { SlackMessage } from './message.js';
import { plainTextFromSlack } from './mrkdwn.js';
import { renderAnswer } from './render-answer.js';
import { claimMessage, type SlackRuntime } from './runtime.js';
import { langOf } from './strings.js';

/** The fields of a message or mention event the bot reads. */
interface IncomingMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
  channel_type?: string;
}

/**
 * Mentions in channels (answered in the message's thread), direct messages, and
 * follow-ups in threads the bot has answered in. Everything else — bots,
 * including this one, edits, joins and other subtypes — is ignored.
 */
export function registerEventHandlers(app: App, rt: SlackRuntime): void {
  app.event('app_mention', async ({ event, context, client }) => {
    const msg = event as IncomingMessage;
    if (fromABot(msg, context.botUserId) || !msg.user) return;
    if (!claim(rt, msg, context.retryNum)) return;
    // Reply in the mention's thread (a new one for a top-level mention).
    await answer(rt, client, context.botUserId, msg, msg.thread_ts ?? msg.ts, ConversationMemory.key(msg.channel, msg.thread_ts ?? msg.ts));
  });

  app.event('message', async ({ event, context, client }) => {
    const msg = event as IncomingMessage;
    if (msg.subtype !== undefined || fromABot(msg, context.botUserId) || !msg.user || !msg.text) return;
    if (msg.channel_type === 'im') {
      if (!claim(rt, msg, context.retryNum)) return;
      // A DM is one conversation; a thread inside it is its own.
      await answer(rt, client, context.botUserId, msg, msg.thread_ts, ConversationMemory.key(msg.channel, msg.thread_ts));
      return;
    }
    // In channels only thread follow-ups are read here; a mention is the app_mention handler's.
    if (!msg.thread_ts || mentions(msg.text, context.botUserId)) return;
    const key = ConversationMemory.key(msg.channel, msg.thread_ts);
    if (!rt.memory.knows(key)) return;
    if (!claim(rt, msg, context.retryNum)) return;
    await answer(rt, client, context.botUserId, msg, msg.thread_ts, key);
  });
}

function fromABot(msg: IncomingMessage, botUserId: string | undefined): boolean {
  return Boolean(msg.bot_id) || (botUserId !== undefined && msg.user === botUserId);
}

function mentions(text: string, botUserId: string | undefined): boolean {
  return botUserId !== undefined && text.includes(`<@${botUserId}`);
}

function claim(rt: SlackRuntime, msg: IncomingMessage, retryNum: number | undefined): boolean {
  if (claimMessage(rt, msg.channel, msg.ts)) return true;
  rt.log.debug({ channel: msg.channel, ts: msg.ts, retryNum }, 'already answered: ignoring a retry or duplicate event');
  return false;
}

async function answer(rt: SlackRuntime, client: webApi.WebClient, botUserId: string | undefined, msg: IncomingMessage, threadTs: string | undefined, conversation: string): Promise<void> {
  const question = plainTextFromSlack(msg.text ?? '', botUserId);
  const post = (m: SlackMessage | { text: string }) =>
    client.chat.postMessage({ channel: msg.channel, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false, unfurl_media: false, ...m });
  await withApology(rt, 'message', () => langOf(question), (text) => post({ text }), async () => {
    const reply: Answer = await rt.assistant.ask(question, rt.memory.recall(conversation));
    for (const message of renderAnswer(reply)) await post(message);
    if (reply.citations.length > 0) rt.memory.remember(conversation, reply.question, reply.citations.map((c) => c.sectionId));
    rt.log.info({ channel: msg.channel, kind: reply.kind, sections: reply.citations.map((c) => c.sectionId), ms: Math.round(reply.timings.totalMs) }, 'answered');
  });
}
