import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { shorten } from '../../answer/render-text.js';
import { sectionLabel, type ReplyLang } from '../../answer/strings.js';
import type { Answer, Citation } from '../../answer/types.js';
import type { SectionView } from '../../chat/views.js';
import { sectionCallback } from './callback-data.js';
import { escapeHtml } from './html.js';
import { splitHtml, TELEGRAM_MESSAGE_LIMIT } from './split.js';
import { tr } from './strings.js';

/** A reply ready to send: one or more HTML messages, buttons under the last one. */
export interface RenderedReply {
  messages: string[];
  keyboard?: InlineKeyboardMarkup;
}

/** At most this many "open section" buttons under one reply. */
const MAX_SECTION_BUTTONS = 8;

/** One button per section, one per row, so long Chinese titles stay readable. */
export function sectionKeyboard(sections: readonly { id: string; label: string }[]): InlineKeyboardMarkup | undefined {
  const seen = new Set<string>();
  const rows: InlineKeyboardButton[][] = [];
  for (const s of sections) {
    if (seen.has(s.id) || rows.length >= MAX_SECTION_BUTTONS) continue;
    seen.add(s.id);
    rows.push([{ text: shorten(s.label, 48), callback_data: sectionCallback(s.id) }]);
  }
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

/**
 * An Answer as Telegram HTML: text parts as paragraphs, every quote in a
 * blockquote followed by its citation label (§4.2.3 貿易投資便利化), notes in
 * italics, and for abstentions the nearest sections. Everything taken from the
 * document or the user is escaped.
 */
export function renderAnswer(answer: Answer, primaryDocId: string): RenderedReply {
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
  const buttons = [...answer.citations, ...answer.suggestions].filter((c: Citation) => c.docId === primaryDocId).map((c) => ({ id: c.sectionId, label: c.label }));
  return withKeyboard(splitHtml(blocks.join('\n\n')), sectionKeyboard(buttons));
}

/** The verbatim text of a section, its parts as buttons, and for English readers the aligned translation. */
export function renderSection(view: SectionView, lang: ReplyLang): RenderedReply {
  const blocks = [`<b>${escapeHtml(view.label)}</b>`, `<blockquote>${escapeHtml(view.text)}</blockquote>`];
  if (view.children.length > 0) blocks.push(`${escapeHtml(tr('includes', lang))}\n${view.children.map((c) => `• ${escapeHtml(c.label)}`).join('\n')}`);
  if (lang === 'en' && view.translation) {
    const translated = [view.translation.title, view.translation.text].filter(Boolean).join('. ');
    const notice = view.translation.official ? view.translation.notice : tr('translationNotice', lang);
    blocks.push(`<i>${escapeHtml(notice)}</i>\n<blockquote>${escapeHtml(translated)}</blockquote>`);
  }
  return withKeyboard(splitHtml(blocks.join('\n\n')), sectionKeyboard(view.children));
}

/**
 * A section as one message for sharing (inline mode), cut to fit with a pointer
 * to /section when it is too long, and signed with the document title.
 */
export function renderSharedSection(view: SectionView, documentTitle: string, lang: ReplyLang): string {
  const head = `<b>${escapeHtml(view.label)}</b>\n<blockquote>`;
  const tail = `</blockquote>\n<i>— ${escapeHtml(documentTitle)}</i>`;
  let body = escapeHtml(view.text);
  const room = TELEGRAM_MESSAGE_LIMIT - head.length - tail.length;
  if (body.length > room) {
    const more = `\n${escapeHtml(tr('truncatedSection', lang, { id: view.id }))}`;
    body = `${splitHtml(body, room - more.length - 1)[0]}…${more}`;
  }
  return head + body + tail;
}

export function renderToc(entries: readonly { id: string; label: string }[], lang: ReplyLang): RenderedReply {
  const rows: InlineKeyboardButton[][] = entries.map((e) => [{ text: shorten(e.label, 48), callback_data: sectionCallback(e.id) }]);
  return { messages: [escapeHtml(tr('tocTitle', lang))], ...(rows.length ? { keyboard: { inline_keyboard: rows } } : {}) };
}

export function renderAbout(about: { title: string; version: string; indexedAt: string; embedder: string; sections: number }, lang: ReplyLang): string {
  const line = (key: Parameters<typeof tr>[0], value: string | number) => `<b>${escapeHtml(tr(key, lang))}</b>: ${escapeHtml(String(value))}`;
  return [
    line('aboutTitle', about.title),
    line('aboutVersion', about.version),
    line('aboutIndexedAt', about.indexedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')),
    line('aboutEmbedder', about.embedder),
    line('aboutSections', about.sections),
  ].join('\n');
}

function withKeyboard(messages: string[], keyboard: InlineKeyboardMarkup | undefined): RenderedReply {
  return keyboard ? { messages, keyboard } : { messages };
}
