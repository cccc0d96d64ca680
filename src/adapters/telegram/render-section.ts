import type { InlineKeyboardButton } from 'grammy/types';
import { shorten } from '../../engine/answer/render-text.js';
import { sectionLabel, t } from '../../engine/answer/strings.js';
import type { ReplyLang } from '../../engine/text/i18n.js';
import type { SectionView } from '../shared/views.js';
import { fitsCallback, sectionCallback, sectionLanguageCallback, type SectionLanguage } from './callback-data.js';
import { escapeHtml } from './html.js';
import { sectionKeyboard, withKeyboard, type RenderedReply } from './render-answer.js';
import { splitHtml, TELEGRAM_MESSAGE_LIMIT } from './split.js';
import { tr } from './strings.js';

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

/** The table of contents (/toc): one button per entry, each opening that part of the plan. */
export function renderToc(entries: readonly { id: string; label: string }[], lang: ReplyLang): RenderedReply {
  const rows: InlineKeyboardButton[][] = entries.filter((e) => fitsCallback(sectionCallback(e.id))).map((e) => [{ text: shorten(e.label, 48), callback_data: sectionCallback(e.id) }]);
  return { messages: [escapeHtml(tr('tocTitle', lang))], ...(rows.length ? { keyboard: { inline_keyboard: rows } } : {}) };
}
