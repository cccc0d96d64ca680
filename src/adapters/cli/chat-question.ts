import type { Assistant } from '../../engine/answer/assistant.js';
import { renderPlainText } from '../../engine/answer/render-text.js';
import { replyLang, type ReplyLang } from '../../engine/text/i18n.js';
import type { Actor } from '../../services/access/actor.js';
import type { Desk } from '../../services/desk/desk.js';
import { contextOf, exchangeToRemember, type Exchange } from '../../services/desk/follow-up.js';

/** One answered question: the reply text, its language, and what a follow-up carries. */
export interface ChatTurn {
  text: string;
  lang: ReplyLang;
  exchange: Exchange | undefined;
}

/**
 * The chat's whole question path: through the desk, like Telegram and Slack, so a progress
 * question gets the status card, every question is logged, and follow-ups follow the one policy
 * (services/desk/follow-up.ts); then rendered as plain text.
 */
export async function askInChat(assistant: Assistant, desk: Desk, actor: Actor, question: string, previous: Exchange | undefined): Promise<ChatTurn> {
  const answered = await desk.ask(assistant, actor, question, contextOf(previous));
  // A reply about nothing (declined, help) keeps the conversation's earlier topic.
  const exchange = exchangeToRemember(previous, answered) ?? previous;
  if (answered.type === 'status') return { text: answered.reply.text, lang: answered.reply.lang, exchange };
  return { text: renderPlainText(answered.answer), lang: replyLang(answered.answer.language), exchange };
}
