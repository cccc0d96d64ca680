import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { shorten } from '../../engine/answer/render-text.js';
import { sectionLabel } from '../../engine/answer/strings.js';
import type { Answer, Citation } from '../../engine/answer/types.js';
import { feedbackPayload } from '../../services/questions/feedback.js';
import { fitsCallback, sectionCallback } from './callback-data.js';
import { escapeHtml } from './html.js';
import { splitHtml } from './split.js';

/** A reply ready to send: one or more HTML messages, buttons under the last one. */
export interface RenderedReply {
  messages: string[];
  keyboard?: InlineKeyboardMarkup;
}

/** At most this many "open section" buttons under one reply. */
const MAX_SECTION_BUTTONS = 8;

/** One button per section, one per row, so long Chinese titles stay readable; `extraRows` go below them. */
export function sectionKeyboard(sections: readonly { id: string; label: string }[], extraRows: readonly InlineKeyboardButton[][] = []): InlineKeyboardMarkup | undefined {
  const seen = new Set<string>();
  const rows: InlineKeyboardButton[][] = [];
  for (const s of sections) {
    const data = sectionCallback(s.id);
    if (seen.has(s.id) || rows.length >= MAX_SECTION_BUTTONS || !fitsCallback(data)) continue;
    seen.add(s.id);
    rows.push([{ text: shorten(s.label, 48), callback_data: data }]);
  }
  rows.push(...extraRows);
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

/** 👍/👎 under an answer; the ref ties the vote to the logged question. */
export function feedbackRow(ref: string | undefined): InlineKeyboardButton[][] {
  return ref ? [[{ text: '👍', callback_data: feedbackPayload(ref, 'up') }, { text: '👎', callback_data: feedbackPayload(ref, 'down') }]] : [];
}

/**
 * An Answer as Telegram HTML: text parts as paragraphs, every quote in a
 * blockquote followed by its citation label (§4.2.3 貿易投資便利化), notes in
 * italics, and for abstentions the nearest sections. Everything taken from the
 * document or the user is escaped.
 */
export function renderAnswer(answer: Answer, primaryDocId: string, options: { feedbackRef?: string } = {}): RenderedReply {
  const labelOf = (c: { sectionId: string; docId: string }): string =>
    answer.citations.find((x) => x.sectionId === c.sectionId && x.docId === c.docId)?.label ?? sectionLabel(c.sectionId, c.sectionId, answer.language);
  const blocks: string[] = [];
  for (const part of answer.parts) {
    if (part.type === 'text') blocks.push(escapeHtml(part.text));
    else if (part.type === 'note') blocks.push(`<i>${escapeHtml(part.text)}</i>`);
    else blocks.push(`<blockquote>${escapeHtml(part.text)}</blockquote>\n— <b>${escapeHtml(labelOf(part))}</b>`);
  }
  if (answer.suggestions.length > 0) {
    blocks.push(answer.suggestions.map((s) => `• <b>${escapeHtml(s.label)}</b> ${escapeHtml(shorten(s.quote, 80))}`).join('\n'));
  }
  // A section of another document opens as 'docId:sectionId'.
  const buttons = [...answer.citations, ...answer.suggestions].map((c: Citation) => ({ id: c.ref ?? (c.docId === primaryDocId ? c.sectionId : `${c.docId}:${c.sectionId}`), label: c.label }));
  return withKeyboard(splitHtml(blocks.join('\n\n')), sectionKeyboard(buttons, feedbackRow(options.feedbackRef)));
}

export function withKeyboard(messages: string[], keyboard: InlineKeyboardMarkup | undefined): RenderedReply {
  return keyboard ? { messages, keyboard } : { messages };
}
