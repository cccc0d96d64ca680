import { replyLang, type ReplyLang } from '../../engine/text/i18n.js';
import { detectLanguage } from '../../engine/text/language.js';

/**
 * Telegram's `language_code` (an IETF tag such as "zh-hans", "zh-TW", "en") as a
 * reply language. Chinese without a script follows the plan's own script.
 */
export function langFromCode(code: string | undefined): ReplyLang | undefined {
  if (!code) return undefined;
  const c = code.toLowerCase();
  if (c.startsWith('zh')) return /hans|cn|sg|my/.test(c) ? 'zh-Hans' : 'zh-Hant';
  return 'en';
}

/**
 * Which language the bot's fixed strings use for this user: the language of what
 * they wrote when it has words, else their Telegram app language, else the plan's.
 */
export function userLang(text: string | undefined, languageCode: string | undefined): ReplyLang {
  const fromCode = langFromCode(languageCode);
  // Commands, mentions, section numbers and deep-link payloads (sec_4_2_3) say nothing about the language.
  const words = (text ?? '')
    .replace(/^\/\w+(@\w+)?/, ' ')
    .split(/\s+/)
    .filter((w) => !(w.startsWith('@') || /^[\w.§:-]*[\d_][\w.§:-]*$/.test(w)))
    .join(' ');
  if (/\p{L}/u.test(words)) {
    const detected = detectLanguage(words, fromCode ?? 'zh-Hant');
    return replyLang(detected.lang);
  }
  return fromCode ?? 'zh-Hant';
}
