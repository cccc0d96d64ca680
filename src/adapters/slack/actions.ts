import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { t } from '../../engine/answer/strings.js';
import type { ReplyLang } from '../../engine/text/i18n.js';
import type { DeskAnswer } from '../../services/desk/desk.js';
import type { Actor } from '../../services/access/actor.js';
import { sectionView } from '../shared/views.js';
import { ACTION, FEEDBACK_ACTION, readFeedbackValue, readPostValue, readSectionValue, SECTION_ACTION } from './action-values.js';
import { asPlanCommands } from './command-names.js';
import { withApology } from './guard.js';
import { actorOf, clickedIn, ephemeral, postIn, type ClickedIn } from './click.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';
import { registerReindexActions } from './reindex-actions.js';
import { renderSection } from './render-section.js';
import { renderDeskAnswer } from './render-desk-answer.js';
import type { SlackRuntime } from './runtime.js';
import { st } from './strings.js';
import { wellFormedDeep } from '../../engine/text/well-formed.js';

/** Section buttons (with the language switch), 👍/👎, "post to channel", and the re-index Confirm / Cancel. */
export function registerActions(app: App, rt: SlackRuntime): void {
  // Full text of a cited section, in the thread of the answer (or privately under a /plan reply).
  app.action<BlockAction<ButtonAction>>(SECTION_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = readSectionValue(action.value);
    const lang = value?.lang ?? 'zh-Hant';
    const where = clickedIn(body);
    const reply = ephemeral(respond);
    await withApology(rt, 'section button', lang, (text) => reply({ text }), async () => {
      const view = value ? sectionView(rt.services.assistant, value.id, lang) : undefined;
      if (!view) {
        await reply({ text: unknownSection(value?.id, lang) });
        return;
      }
      const messages = renderSection(view, lang, value?.show);
      if (where.ephemeral || !where.channel) {
        for (const m of messages) await reply(m);
        return;
      }
      for (const m of messages) await postIn(client, where.channel, threadFor(where), m);
    });
  });

  // Chinese text ⇄ English translation, in place (the clicked section post is replaced).
  app.action<BlockAction<ButtonAction>>(ACTION.sectionLanguage, async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = readSectionValue(action.value);
    const lang = value?.lang ?? 'zh-Hant';
    const where = clickedIn(body);
    await withApology(rt, 'section language button', lang, (text) => ephemeral(respond)({ text }), async () => {
      const view = value ? sectionView(rt.services.assistant, value.id, lang) : undefined;
      if (!view) {
        await ephemeral(respond)({ text: unknownSection(value?.id, lang) });
        return;
      }
      const messages = renderSection(view, lang, value?.show);
      if (messages.length === 1) {
        await respond(wellFormedDeep({ replace_original: true, ...messages[0]! }));
        return;
      }
      // Too long to swap in one message: the other language follows as new messages.
      if (where.ephemeral || !where.channel) for (const m of messages) await ephemeral(respond)(m);
      else for (const m of messages) await postIn(client, where.channel, threadFor(where), m);
    });
  });

  // 👍/👎: stored against the logged question (a second vote by the same user replaces the first).
  app.action<BlockAction<ButtonAction>>(FEEDBACK_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    const value = readFeedbackValue(action.value);
    const lang = value?.lang ?? 'zh-Hant';
    const reply = ephemeral(respond);
    await withApology(rt, 'feedback button', lang, (text) => reply({ text }), async () => {
      const { result, text } = await rt.services.desk.feedback(value?.p ?? '', actorOf(body), lang);
      rt.log.info({ outcome: result.outcome }, 'answer feedback');
      await reply({ text });
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
      const answered = await answerAgain(rt, actorOf(body), value.q, value.ref);
      const heading = st('askedBy', lang, { user: `<@${body.user.id}>` }) + ` ${escapeMrkdwn(truncate(value.q, 500))}`;
      for (const m of renderDeskAnswer(answered, value.q, { heading })) await postIn(client, where.channel, undefined, m);
      await respond({ delete_original: true });
    });
  });

  registerReindexActions(app, rt);
}

/**
 * The public copy of a /plan answer. The question is already in the log, so it is
 * not logged again and 👍/👎 on the copy count for the original entry (unless
 * logging it failed the first time).
 */
async function answerAgain(rt: SlackRuntime, actor: Actor, question: string, ref: string | undefined): Promise<DeskAnswer> {
  const { assistant, desk } = rt.services;
  return ref ? desk.repeat(assistant, question, ref) : desk.ask(assistant, actor, question);
}

function unknownSection(id: string | undefined, lang: ReplyLang): string {
  return escapeMrkdwn(asPlanCommands(t('unknownSection', lang, { id: id ?? '?' })));
}

/** The answer's thread; a top-level answer in a DM gets the section right below it instead of a new thread. */
function threadFor(where: ClickedIn): string | undefined {
  if (where.threadTs) return where.threadTs;
  return where.channel?.startsWith('D') ? undefined : where.messageTs;
}
