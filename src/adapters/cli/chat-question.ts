import type { Assistant } from '../../engine/answer/assistant.js';
import { renderPlainText } from '../../engine/answer/render-text.js';
import { replyLang, type ReplyLang } from '../../engine/answer/strings.js';
import type { ConversationContext } from '../../engine/answer/types.js';
import type { Actor } from '../../services/access/actor.js';
import type { Tracking, TrackedAnswer } from '../../services/desk/tracking.js';

/** One answered question: the reply text, its language, and the context a follow-up carries. */
export interface ChatTurn {
  text: string;
  lang: ReplyLang;
  context: ConversationContext | undefined;
}

/**
 * The chat's whole question path: through the front door (Tracking.ask), so a progress
 * question gets the status card and every question is logged, then rendered as plain text.
 */
export async function askInChat(assistant: Assistant, tracking: Tracking, actor: Actor, question: string, context: ConversationContext | undefined): Promise<ChatTurn> {
  const tracked = await tracking.ask(assistant, actor, question, context);
  if (tracked.type === 'status') return { text: tracked.reply.text, lang: tracked.reply.lang, context: followUpContext(tracked, question) ?? context };
  return { text: renderPlainText(tracked.answer), lang: replyLang(tracked.answer.language), context: followUpContext(tracked, question) ?? context };
}

/** What a follow-up to this reply should know; undefined keeps the conversation's earlier context. */
function followUpContext(tracked: TrackedAnswer, question: string): ConversationContext | undefined {
  if (tracked.type === 'status') {
    // A status card answers a question too: a follow-up stays on the items it showed.
    return tracked.reply.kind === 'cards' ? { previousQuestion: question, previousCitations: tracked.reply.cards.map((c) => c.sectionId) } : undefined;
  }
  const answer = tracked.answer;
  if (answer.abstained || answer.kind === 'help') return undefined;
  return { previousQuestion: answer.question, previousCitations: answer.citations.map((c) => c.sectionId) };
}
