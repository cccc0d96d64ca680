import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import { t } from '../../answer/strings.js';
import type { Actor } from '../../chat/actor.js';
import { sectionView } from '../../chat/views.js';
import { FEEDBACK_ACTION, readFeedbackValue, readPostValue, readSectionValue, SECTION_ACTION, ACTION } from './action-values.js';
import { withApology } from './guard.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';
import { renderAnswer } from './render-answer.js';
import { renderSection } from './render-section.js';
import type { SlackRuntime } from './runtime.js';
import { st } from './strings.js';

/** Where a clicked button's message lives. */
interface ClickedIn {
  channel?: string;
  /** The thread the clicked message is in, if any. */
  threadTs?: string;
  /** The clicked message itself (a thread root for what the button posts). */
  messageTs?: string;
  /** Messages from /plan are ephemeral: they have no channel message to thread under. */
  ephemeral: boolean;
}

function clickedIn(body: BlockAction): ClickedIn {
  const container = body.container as { channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean } | undefined;
  const channel = body.channel?.id ?? container?.channel_id;
  const threadTs = container?.thread_ts ?? body.message?.thread_ts;
  const messageTs = container?.message_ts ?? body.message?.ts;
  return {
    ...(channel ? { channel } : {}),
    ...(threadTs ? { threadTs } : {}),
    ...(messageTs ? { messageTs } : {}),
    ephemeral: Boolean(container?.is_ephemeral) || !body.message,
  };
}

function actorOf(body: BlockAction): Actor {
  return { platform: 'slack', userId: body.user.id, ...(body.user.name ? { displayName: body.user.name } : {}) };
}

/** Ephemeral replies that leave the clicked message alone. */
function ephemeral(respond: RespondFn) {
  return (m: SlackMessage | { text: string }) => respond({ response_type: 'ephemeral', replace_original: false, ...m });
}

/** Section buttons, 👍/👎, and "post to channel". */
export function registerActions(app: App, rt: SlackRuntime): void {
  // Full text of a cited section, in the thread of the answer (or privately under a /plan reply).
  app.action<BlockAction<ButtonAction>>(SECTION_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = readSectionValue(action.value);
    const lang = value?.lang ?? 'zh-Hant';
    const where = clickedIn(body);
    const reply = ephemeral(respond);
    await withApology(rt, 'section button', lang, (text) => reply({ text }), async () => {
      const view = value ? sectionView(rt.assistant, value.id, lang) : undefined;
      if (!view) {
        await reply({ text: escapeMrkdwn(t('unknownSection', lang, { id: value?.id ?? '?' })) });
        return;
      }
      const messages = renderSection(view, lang);
      if (where.ephemeral || !where.channel) {
        for (const m of messages) await reply(m);
        return;
      }
      for (const m of messages) await postIn(client, where.channel, threadFor(where), m);
    });
  });

  // 👍/👎: recorded through the feedback seam, then thanked.
  app.action<BlockAction<ButtonAction>>(FEEDBACK_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    const value = readFeedbackValue(action.value);
    const lang = value?.lang ?? 'zh-Hant';
    const where = clickedIn(body);
    const reply = ephemeral(respond);
    await withApology(rt, 'feedback button', lang, (text) => reply({ text }), async () => {
      if (value) {
        await rt.feedback.record({
          actor: actorOf(body),
          rating: action.action_id === ACTION.feedbackUp ? 'up' : 'down',
          question: value.q,
          sectionIds: value.s,
          indexVersion: value.v,
          ...(where.channel ? { channel: where.channel } : {}),
          ...(body.message?.ts ? { messageTs: body.message.ts } : {}),
        });
      }
      await reply({ text: st('feedbackThanks', lang) });
    });
  });

  // "Post to channel" under a /plan reply: answer again, publicly, then remove the private copy.
  app.action<BlockAction<ButtonAction>>(ACTION.post, async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = readPostValue(action.value);
    const lang = value?.lang ?? 'zh-Hant';
    const where = clickedIn(body);
    const reply = ephemeral(respond);
    await withApology(rt, 'post button', lang, (text) => reply({ text }), async () => {
      if (!value || !where.channel) {
        await reply({ text: st('apology', lang) });
        return;
      }
      const answer = await rt.assistant.ask(value.q);
      const heading = st('askedBy', lang, { user: `<@${body.user.id}>` }) + ` ${escapeMrkdwn(truncate(answer.question, 500))}`;
      for (const m of renderAnswer(answer, { heading })) await postIn(client, where.channel, undefined, m);
      await respond({ delete_original: true });
    });
  });
}

/** The answer's thread; a top-level answer in a DM gets the section right below it instead of a new thread. */
function threadFor(where: ClickedIn): string | undefined {
  if (where.threadTs) return where.threadTs;
  return where.channel?.startsWith('D') ? undefined : where.messageTs;
}

function postIn(client: webApi.WebClient, channel: string, threadTs: string | undefined, m: SlackMessage) {
  return client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false, unfurl_media: false, ...m });
}
