import type { ReplyLang } from '../../engine/text/i18n.js';
import type { DeskAnswer } from '../../services/desk/desk.js';
import { LIMITS } from './limits.js';
import { contextBlock, sectionBlock, type SlackMessage } from './message.js';
import { escapeMrkdwn, splitText } from './mrkdwn.js';
import { renderAnswer } from './render-answer.js';
import { renderStatusReply } from './render-status.js';
import { st } from './strings.js';

export interface DeskAnswerRenderOptions {
  heading?: string;
  /** A /plan reply: add the "post to channel" button. */
  postable?: boolean;
}

/** What Desk.ask returned (a status card or an Assistant answer) as Slack messages, with 👍/👎 for its log entry. */
export function renderDeskAnswer(answered: DeskAnswer, question: string, options: DeskAnswerRenderOptions = {}): SlackMessage[] {
  const heading = options.heading ? { heading: options.heading } : {};
  const ref = answered.ref ? { feedbackRef: answered.ref } : {};
  if (answered.type === 'answer') return renderAnswer(answered.answer, { ...heading, ...ref, postable: Boolean(options.postable) });
  return renderStatusReply(answered.reply, { ...heading, ...ref, ...(options.postable ? { postQuestion: question } : {}) });
}

/** The section ids a answered answer cites (the conversation memory keeps them for follow-ups). */
export function deskAnswerCitations(answered: DeskAnswer): string[] {
  if (answered.type === 'answer') return answered.answer.citations.map((c) => c.sectionId);
  return answered.reply.kind === 'cards' ? answered.reply.cards.map((c) => c.sectionId) : [];
}

/** A streamed draft: the model's text so far and a "writing…" line (no buttons until the answer is final). */
export function renderDraft(partialText: string, lang: ReplyLang): SlackMessage {
  const text = escapeMrkdwn(partialText);
  // Only the start fits in one block; the final answer is split properly.
  const shown = splitText(text, LIMITS.textBlock - 10)[0] ?? '…';
  return { text: shown.slice(0, LIMITS.fallbackText), blocks: [sectionBlock(shown), contextBlock(st('writing', lang))] };
}
