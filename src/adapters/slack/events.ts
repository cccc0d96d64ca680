import type { App, webApi } from '@slack/bolt';
import type { Actor } from '../../services/access/actor.js';
import { withApology } from './guard.js';
import { ConversationMemory } from './conversation-memory.js';
import { handleDocument } from './document-upload.js';
import type { SlackMessage } from './message.js';
import { plainTextFromSlack } from './mrkdwn.js';
import { renderDraft, renderDeskAnswer, deskAnswerCitations } from './render-desk-answer.js';
import { markThreadAnswered, type SlackRuntime } from './runtime.js';
import { StreamedDraft } from './streamed-draft.js';
import { langOf } from './strings.js';
import { wellFormedDeep } from '../../engine/text/well-formed.js';
import { contextOf, exchangeToRemember } from '../../services/desk/follow-up.js';

/** A question asked in a mention or a message, and by whom. */
interface Asked {
  channel: string;
  user: string;
  text: string;
}

/**
 * Mentions in channels (answered in the message's thread), direct messages,
 * follow-ups in threads the bot has answered in, and documents shared with the
 * bot in a DM (admins updating the plan). The gates in app.ts (src/adapters/slack/gates/)
 * have already dropped bots, this one included, messages not meant for the bot,
 * retries and duplicates, and users over the rate limit.
 */
export function registerEventHandlers(app: App, rt: SlackRuntime): void {
  app.event('app_mention', async ({ event, context, client }) => {
    if (!event.user) return; // ignoreBots let none through; this tells the compiler
    // Reply in the mention's thread (a new one for a top-level mention).
    const thread = event.thread_ts ?? event.ts;
    await answer(rt, client, context.botUserId, { channel: event.channel, user: event.user, text: event.text }, thread, ConversationMemory.key(event.channel, thread));
  });

  app.event('message', async ({ event, context, client }) => {
    if (event.subtype === 'file_share') {
      await handleDocument(rt, client, event);
      return;
    }
    // addressedOnly lets no other subtype through; this narrows the event to a plain message.
    if (event.subtype !== undefined) return;
    const asked = { channel: event.channel, user: event.user, text: event.text ?? '' };
    if (event.channel_type === 'im') {
      // A DM is one conversation; a thread inside it is its own.
      await answer(rt, client, context.botUserId, asked, event.thread_ts, ConversationMemory.key(event.channel, event.thread_ts));
      return;
    }
    // A follow-up in a channel thread the bot answered in (addressedOnly checked the thread).
    if (!event.thread_ts) return;
    await answer(rt, client, context.botUserId, asked, event.thread_ts, ConversationMemory.key(event.channel, event.thread_ts));
  });
}

/**
 * Answers a message where it was asked. With a language model the reply streams:
 * a draft appears with the first words and grows (edited at most once per
 * `streamUpdateMs`), then becomes the final answer with its citations and buttons.
 */
async function answer(rt: SlackRuntime, client: webApi.WebClient, botUserId: string | undefined, msg: Asked, threadTs: string | undefined, conversation: string): Promise<void> {
  const question = plainTextFromSlack(msg.text, botUserId);
  const actor: Actor = { platform: 'slack', userId: msg.user };
  const post = (m: SlackMessage | { text: string }) =>
    client.chat.postMessage(wellFormedDeep({ channel: msg.channel, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false, unfurl_media: false, ...m }));
  const lang = langOf(question);
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
      const { assistant, desk } = rt.services;
      const previous = rt.memory.recall(conversation);
      const answered = await desk.ask(assistant, actor, question, contextOf(previous), draft ? { onText: (t) => draft.push(t) } : {});
      await threadMarked;
      const messages = renderDeskAnswer(answered, question);
      if (draft) await draft.finish(messages);
      else for (const message of messages) await post(message);
      rt.memory.remember(conversation, exchangeToRemember(previous, answered));
      const cited = deskAnswerCitations(answered);
      rt.log.info(
        { channel: msg.channel, type: answered.type, sections: cited, streamed: draft?.posted ?? false, ...(answered.type === 'answer' ? { kind: answered.answer.kind, ms: Math.round(answered.answer.timings.totalMs) } : {}) },
        'answered',
      );
    } finally {
      await draft?.close();
    }
  });
}
