import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { shorten } from '../../engine/answer/render-text.js';
import { sectionLabel, t } from '../../engine/answer/strings.js';
import type { ReplyLang } from '../../engine/text/i18n.js';
import type { Answer, Citation } from '../../engine/answer/types.js';
import type { SectionView } from '../shared/views.js';
import { feedbackPayload } from '../../services/questions/feedback.js';
import type { StatusReply } from '../../services/status/service.js';
import { fitsCallback, sectionCallback, sectionLanguageCallback, type SectionLanguage } from './callback-data.js';
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

/** One button per section, one per row, so long Chinese titles stay readable; `extraRows` go below them. */
function sectionKeyboard(sections: readonly { id: string; label: string }[], extraRows: readonly InlineKeyboardButton[][] = []): InlineKeyboardMarkup | undefined {
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
function feedbackRow(ref: string | undefined): InlineKeyboardButton[][] {
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

/**
 * A status card, list or overview (plain text from the status service, escaped), with
 * a button to open each section it shows and, for a question that was logged, 👍/👎.
 */
export function renderStatusReply(reply: StatusReply, options: { feedbackRef?: string } = {}): RenderedReply {
  const cards = reply.kind === 'cards' || reply.kind === 'list' ? reply.cards : reply.kind === 'updated' || reply.kind === 'history' ? [reply.card] : [];
  const sections = cards.filter((c) => !c.missing).map((c) => ({ id: c.sectionId, label: c.label }));
  return withKeyboard(splitHtml(escapeHtml(reply.text)), sectionKeyboard(sections, feedbackRow(options.feedbackRef)));
}

/**
 * A section in one of its two languages: the official Chinese text (the default),
 * or its aligned English translation, marked unofficial, with a pointer back to
 * the Chinese. An outdated translation is withheld, with the reason. Parts of the
 * section are buttons; a language switch button flips the message in place.
 */
export function renderSection(view: SectionView, lang: ReplyLang, shown: SectionLanguage = 'zh'): RenderedReply {
  const translation = view.translation;
  const blocks: string[] = view.note ? [`<i>${escapeHtml(view.note)}</i>`] : [];
  if (shown === 'en' && translation) {
    if (translation.outdated) {
      blocks.push(`<b>${escapeHtml(view.label)}</b>`, `<i>${escapeHtml(tr('translationOutdated', lang, { section: view.label }))}</i>`);
    } else {
      const notice = translation.official ? translation.notice : tr('translationNotice', lang);
      blocks.push(`<b>${escapeHtml(sectionLabel(view.sectionId, translation.title, 'en'))}</b>`, `<i>${escapeHtml(notice)}</i>`, `<blockquote>${escapeHtml(translation.text || translation.title)}</blockquote>`);
    }
    blocks.push(escapeHtml(tr('officialTextPointer', lang, { id: view.id })));
  } else {
    blocks.push(`<b>${escapeHtml(view.label)}</b>`, `<blockquote>${escapeHtml(view.text)}</blockquote>`);
  }
  if (view.children.length > 0) blocks.push(`${escapeHtml(t('includes', lang))}\n${view.children.map((c) => `• ${escapeHtml(c.label)}`).join('\n')}`);
  return withKeyboard(splitHtml(blocks.join('\n\n')), sectionKeyboard(view.children, languageSwitch(view, lang, shown)));
}

/** The button that shows the other language of a section (none when it has no translation). */
function languageSwitch(view: SectionView, lang: ReplyLang, shown: SectionLanguage): InlineKeyboardButton[][] {
  if (!view.translation || !fitsCallback(sectionLanguageCallback(view.id, 'en'))) return [];
  if (shown === 'en') return [[{ text: tr('showChinese', lang), callback_data: sectionLanguageCallback(view.id, 'zh') }]];
  return [[{ text: tr(view.translation.outdated ? 'showEnglishOutdated' : 'showEnglish', lang), callback_data: sectionLanguageCallback(view.id, 'en') }]];
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
  const rows: InlineKeyboardButton[][] = entries.filter((e) => fitsCallback(sectionCallback(e.id))).map((e) => [{ text: shorten(e.label, 48), callback_data: sectionCallback(e.id) }]);
  return { messages: [escapeHtml(tr('tocTitle', lang))], ...(rows.length ? { keyboard: { inline_keyboard: rows } } : {}) };
}

/**
 * /about: the document and the index in service, how answers are made (`answerMode`
 * from BotServices), and the health lines of status tracking (database, items, last change).
 */
export function renderAbout(
  about: { title: string; version: string; indexedAt: string; embedder: string; sections: number },
  lang: ReplyLang,
  extra: { answerMode?: string; health?: readonly string[] } = {},
): string {
  const line = (label: string, value: string | number) => `<b>${escapeHtml(label)}</b>: ${escapeHtml(String(value))}`;
  const lines = [
    line(tr('aboutTitle', lang), about.title),
    line(tr('aboutVersion', lang), about.version),
    line(tr('aboutIndexedAt', lang), about.indexedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')),
    line(tr('aboutEmbedder', lang), about.embedder),
    line(tr('aboutSections', lang), about.sections),
  ];
  if (extra.answerMode) lines.push(line(tr('aboutAnswers', lang), answerModeText(extra.answerMode, lang)));
  if (extra.health && extra.health.length > 0) lines.push('', ...extra.health.map(escapeHtml));
  return lines.join('\n');
}

/** 'extractive' / 'llm (gpt-4o-mini)' (describeAnswerMode) in the reader's words. */
function answerModeText(mode: string, lang: ReplyLang): string {
  const model = /^llm \((.*)\)$/.exec(mode)?.[1];
  if (model !== undefined) return tr('answerModeLlm', lang, { model });
  return mode === 'extractive' ? tr('answerModeExtractive', lang) : mode;
}

function withKeyboard(messages: string[], keyboard: InlineKeyboardMarkup | undefined): RenderedReply {
  return keyboard ? { messages, keyboard } : { messages };
}
