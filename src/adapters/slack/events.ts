import type { App, webApi } from '@slack/bolt';
import type { Actor } from '../../services/access/actor.js';
import { withApology } from './guard.js';
import { ConversationMemory } from './conversation-memory.js';
import { handleDocument, type SharedFile } from './document-upload.js';
import type { SlackMessage } from './message.js';
import { plainTextFromSlack } from './mrkdwn.js';
import { renderDraft, renderTracked, trackedCitations } from './render-tracked.js';
import { claimAcrossWorkers, claimMessage, markThreadAnswered, threadAnsweredElsewhere, type SlackRuntime } from './runtime.js';
import { StreamedDraft } from './streamed-draft.js';
import { langOf } from './strings.js';
import { sharedText } from '../shared/strings.js';
import { wellFormedDeep } from '../../engine/text/well-formed.js';

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
  files?: SharedFile[];
}

/**
 * Mentions in channels (answered in the message's thread), direct messages,
 * follow-ups in threads the bot has answered in, and documents shared with the
 * bot in a DM (admins updating the plan). Everything else — bots, including this
 * one, edits, joins and other subtypes — is ignored.
 */
export function registerEventHandlers(app: App, rt: SlackRuntime): void {
  app.event('app_mention', async ({ event, context, client }) => {
    const msg = event as IncomingMessage;
    if (fromABot(msg, context.botUserId) || !msg.user) return;
    if (!(await claim(rt, msg, context))) return;
    // Reply in the mention's thread (a new one for a top-level mention).
    await answer(rt, client, context.botUserId, msg, msg.thread_ts ?? msg.ts, ConversationMemory.key(msg.channel, msg.thread_ts ?? msg.ts));
  });

  app.event('message', async ({ event, context, client }) => {
    const msg = event as IncomingMessage;
    if (fromABot(msg, context.botUserId) || !msg.user) return;
    if (msg.subtype === 'file_share' && msg.channel_type === 'im') {
      if (!(await claim(rt, msg, context))) return;
      await handleDocument(rt, client, msg);
      return;
    }
    if (msg.subtype !== undefined || !msg.text) return;
    if (msg.channel_type === 'im') {
      if (!(await claim(rt, msg, context))) return;
      // A DM is one conversation; a thread inside it is its own.
      await answer(rt, client, context.botUserId, msg, msg.thread_ts, ConversationMemory.key(msg.channel, msg.thread_ts));
      return;
    }
    // In channels only thread follow-ups are read here; a mention is the app_mention handler's.
    if (!msg.thread_ts || mentions(msg.text, context.botUserId)) return;
    const key = ConversationMemory.key(msg.channel, msg.thread_ts);
    if (!rt.memory.knows(key) && !(await threadAnsweredElsewhere(rt, key))) return;
    if (!(await claim(rt, msg, context))) return;
    await answer(rt, client, context.botUserId, msg, msg.thread_ts, key);
  });
}

function fromABot(msg: IncomingMessage, botUserId: string | undefined): boolean {
  return Boolean(msg.bot_id) || (botUserId !== undefined && msg.user === botUserId);
}

function mentions(text: string, botUserId: string | undefined): boolean {
  return botUserId !== undefined && text.includes(`<@${botUserId}`);
}

/**
 * True for the first delivery of a message: in this process (a retry, or the same message
 * as both app_mention and message), then across workers (the database's inbound_events).
 */
async function claim(rt: SlackRuntime, msg: IncomingMessage, context: { retryNum?: number; teamId?: string }): Promise<boolean> {
  const first = claimMessage(rt, msg.channel, msg.ts) && (await claimAcrossWorkers(rt, `slack:${context.teamId ?? ''}:${msg.channel}:${msg.ts}`));
  if (!first) rt.log.debug({ channel: msg.channel, ts: msg.ts, retryNum: context.retryNum }, 'already answered: ignoring a retry or duplicate event');
  return first;
}

/**
 * Answers a message where it was asked. With a language model the reply streams:
 * a draft appears with the first words and grows (edited at most once per
 * `streamUpdateMs`), then becomes the final answer with its citations and buttons.
 */
async function answer(rt: SlackRuntime, client: webApi.WebClient, botUserId: string | undefined, msg: IncomingMessage, threadTs: string | undefined, conversation: string): Promise<void> {
  const question = plainTextFromSlack(msg.text ?? '', botUserId);
  const actor: Actor = { platform: 'slack', userId: msg.user! };
  const post = (m: SlackMessage | { text: string }) =>
    client.chat.postMessage(wellFormedDeep({ channel: msg.channel, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false, unfurl_media: false, ...m }));
  const lang = langOf(question);
  // SLACK_RATE_LIMIT_PER_MINUTE, counted across workers on PostgreSQL: one notice, then silence until the minute is over.
  const limited = await rt.rateLimiter.take(actor.userId);
  if (!limited.ok) {
    rt.log.info({ user: actor.userId, notified: limited.notify }, 'rate limited');
    rt.services.tracking.metrics?.rateLimited('slack');
    if (limited.notify) await post({ text: sharedText('rateLimited', lang, { seconds: limited.retryInSeconds }) }).catch(() => undefined);
    return;
  }
  const draft = rt.streams
    ? new StreamedDraft(
        {
          post: async (m) => {
            const posted = await post(m);
            return posted.ts ? { ts: posted.ts } : {};
          },
          update: (ts, m) => client.chat.update(wellFormedDeep({ channel: msg.channel, ts, ...m })),
        },
        (text) => renderDraft(text, lang),
        rt.streamUpdateMs,
        rt.log,
      )
    : undefined;
  const apologise = async (text: string) => {
    if (!(await draft?.replace({ text, blocks: [] }))) await post({ text });
  };
  // Recorded for the other workers while the answer is being made, and before it is shown,
  // so a follow-up sent after the answer reaches either worker.
  const threadMarked = threadTs ? markThreadAnswered(rt, conversation) : Promise.resolve();
  await withApology(rt, 'message', lang, apologise, async () => {
    try {
      const { assistant, tracking } = rt.services;
      const tracked = await tracking.ask(assistant, actor, question, rt.memory.recall(conversation), draft ? { onText: (t) => draft.push(t) } : {});
      await threadMarked;
      const messages = renderTracked(tracked, question);
      if (draft) await draft.finish(messages);
      else for (const message of messages) await post(message);
      const cited = trackedCitations(tracked);
      if (cited.length > 0) rt.memory.remember(conversation, question, cited);
      rt.log.info(
        { channel: msg.channel, type: tracked.type, sections: cited, streamed: draft?.posted ?? false, ...(tracked.type === 'answer' ? { kind: tracked.answer.kind, ms: Math.round(tracked.answer.timings.totalMs) } : {}) },
        'answered',
      );
    } finally {
      await draft?.close();
    }
  });
}
