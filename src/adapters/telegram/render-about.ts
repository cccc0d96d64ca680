import type { ReplyLang } from '../../engine/text/i18n.js';
import { escapeHtml } from './html.js';
import { sharedText } from '../shared/strings.js';

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
    line(sharedText('aboutTitle', lang), about.title),
    line(sharedText('aboutVersion', lang), about.version),
    line(sharedText('aboutIndexedAt', lang), about.indexedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')),
    line(sharedText('aboutEmbedder', lang), about.embedder),
    line(sharedText('aboutSections', lang), about.sections),
  ];
  if (extra.answerMode) lines.push(line(sharedText('aboutAnswers', lang), answerModeText(extra.answerMode, lang)));
  if (extra.health && extra.health.length > 0) lines.push('', ...extra.health.map(escapeHtml));
  return lines.join('\n');
}

/** 'extractive' / 'llm (gpt-4o-mini)' (describeAnswerMode) in the reader's words. */
function answerModeText(mode: string, lang: ReplyLang): string {
  const model = /^llm \((.*)\)$/.exec(mode)?.[1];
  if (model !== undefined) return sharedText('answerModeLlm', lang, { model });
  return mode === 'extractive' ? sharedText('answerModeExtractive', lang) : mode;
}
