import type { ReplyLang } from '../../engine/text/i18n.js';

/**
 * The language fixed replies start in, from the terminal's locale (LC_ALL, LC_MESSAGES, LANG):
 * zh_CN and zh_SG read Simplified, any other Chinese locale the plan's Traditional script,
 * everything else English. After the first question the chat follows the question's language.
 */
export function localeLanguage(terminalLocale: string): ReplyLang {
  const locale = terminalLocale.toLowerCase();
  if (!locale.startsWith('zh')) return 'en';
  return /^zh[_-](cn|sg)|hans/.test(locale) ? 'zh-Hans' : 'zh-Hant';
}
