import type { types } from '@slack/bolt';
import type { ReplyLang } from '../../engine/text/i18n.js';
import type { SectionView } from '../shared/views.js';
import { ACTION, sectionValue, type SectionValue } from './action-values.js';
import { LIMITS } from './limits.js';
import { contextBlock, paginate, sectionBlock, type SlackMessage } from './message.js';
import { escapeMrkdwn, splitText } from './mrkdwn.js';
import { actionBlocks, button } from './render-answer.js';
import { st } from './strings.js';

/**
 * A section post (a section button, `/plan section 4.2.3`): the verbatim Chinese
 * text and its subsections. When an English translation exists, a button switches
 * the post to it — marked official or unofficial, and outdated when it was made for
 * an earlier text — and another switches back. Fixed strings follow the reader.
 */
export function renderSection(view: SectionView, lang: ReplyLang, show: SectionValue['show'] = 'source'): SlackMessage[] {
  const translation = view.translation;
  const showing = show === 'en' && translation ? 'en' : 'source';
  const lines = [...(view.note ? [`_${escapeMrkdwn(view.note)}_`] : []), `*${escapeMrkdwn(view.label)}*`];
  const notes: string[] = [];
  if (showing === 'en' && translation) {
    const kind = st(translation.official ? 'official' : 'unofficial', lang);
    lines.push(`_${st('translationOf', lang, { kind })}_ *${escapeMrkdwn(translation.title)}*`, escapeMrkdwn(translation.text));
    if (translation.notice) notes.push(escapeMrkdwn(translation.notice));
    if (translation.outdated) notes.push(`:warning: ${st('outdatedTranslation', lang)}`);
  } else {
    lines.push(escapeMrkdwn(view.text));
  }
  if (view.children.length > 0) {
    lines.push('', `*${st('subsections', lang)}*`, ...view.children.map((c) => `• ${escapeMrkdwn(c.label)}`));
  }
  const buttons: types.Button[] = [];
  if (translation) {
    const kind = st(translation.official ? 'official' : 'unofficialShort', lang);
    buttons.push(
      showing === 'en'
        ? button(ACTION.sectionLanguage, st('showSource', lang), sectionValue(view.id, lang, 'source'))
        : button(ACTION.sectionLanguage, st('showTranslation', lang, { kind }), sectionValue(view.id, lang, 'en')),
    );
  }
  const body = splitText(lines.join('\n'), LIMITS.textBlock).map(sectionBlock);
  const fallbackText = showing === 'en' && translation ? `${view.label} ${translation.text}` : `${view.label} ${view.text}`;
  return paginate(body, {
    trailer: [...notes.map((n) => contextBlock(n)), ...actionBlocks(buttons)],
    fallback: escapeMrkdwn(fallbackText.slice(0, LIMITS.fallbackText - 100)),
    continued: st('continued', lang),
  });
}
