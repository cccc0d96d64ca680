import type { StatusReply } from '../../services/status/service.js';
import { escapeHtml } from './html.js';
import { feedbackRow, sectionKeyboard, withKeyboard, type RenderedReply } from './render-answer.js';
import { splitHtml } from './split.js';

/**
 * A status card, list or overview (plain text from the status service, escaped), with
 * a button to open each section it shows and, for a question that was logged, 👍/👎.
 */
export function renderStatusReply(reply: StatusReply, options: { feedbackRef?: string } = {}): RenderedReply {
  const cards = reply.kind === 'cards' || reply.kind === 'list' ? reply.cards : reply.kind === 'updated' || reply.kind === 'history' ? [reply.card] : [];
  const sections = cards.filter((c) => !c.missing).map((c) => ({ id: c.sectionId, label: c.label }));
  return withKeyboard(splitHtml(escapeHtml(reply.text)), sectionKeyboard(sections, feedbackRow(options.feedbackRef)));
}
