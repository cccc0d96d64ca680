import type { ReplyLang } from '../../answer/strings.js';
import type { SectionView } from '../../chat/views.js';
import { LIMITS } from './limits.js';
import { paginate, sectionBlock, type SlackMessage } from './message.js';
import { escapeMrkdwn, splitText } from './mrkdwn.js';
import { st } from './strings.js';

/**
 * The full, verbatim text of a section (what a section button posts), with its
 * subsections and, for a reader who is not reading Chinese, the translation.
 */
export function renderSection(view: SectionView, lang: ReplyLang): SlackMessage[] {
  const lines = [`*${escapeMrkdwn(view.label)}*`, escapeMrkdwn(view.text)];
  if (view.children.length > 0) {
    lines.push('', `*${st('subsections', lang)}*`, ...view.children.map((c) => `• ${escapeMrkdwn(c.label)}`));
  }
  if (lang === 'en' && view.translation) {
    const kind = st(view.translation.official ? 'official' : 'unofficial', lang);
    lines.push('', `*${st('translationOf', lang, { kind })}* ${escapeMrkdwn(view.translation.title)}`, escapeMrkdwn(view.translation.text));
  }
  const body = splitText(lines.join('\n'), LIMITS.textBlock).map(sectionBlock);
  return paginate(body, { fallback: escapeMrkdwn(`${view.label} ${view.text}`.slice(0, LIMITS.fallbackText - 100)), continued: st('continued', lang) });
}
