import { detect } from 'tinyld/light';
import { toSimplified, toTraditionalChars } from './normalize.js';

/** The languages replies are written in; 'other' covers Thai, Vietnamese, Lao, Khmer, Burmese, … */
export type Lang = 'zh-Hant' | 'zh-Hans' | 'en' | 'other';

export interface DetectedLanguage {
  lang: Lang;
  /** ISO 639-1 code when known (th, vi, lo, km, my, …), for 'other'. */
  code?: string;
}

const SCRIPT_CODES: [RegExp, string][] = [
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Lao}/u, 'lo'],
  [/\p{Script=Khmer}/u, 'km'],
  [/\p{Script=Myanmar}/u, 'my'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Arabic}/u, 'ar'],
];

/**
 * Language and script of a question. Chinese script is decided by OpenCC: text
 * that changes when converted to simplified is traditional, and the reverse.
 * Latin text goes to tinyld, which tells English from Vietnamese and others.
 */
export function detectLanguage(text: string, fallback: Lang = 'zh-Hant'): DetectedLanguage {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).join('');
  for (const [pattern, code] of SCRIPT_CODES) {
    if (pattern.test(text) && !(code === 'ja' && han.length > 0 && !/[\p{Script=Hiragana}\p{Script=Katakana}]{2,}/u.test(text))) {
      return { lang: 'other', code };
    }
  }
  const letters = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  if (han.length > 0 && han.length * 2 >= letters) {
    const traditionalSignals = countDiff(han, toSimplified(han));
    const simplifiedSignals = countDiff(han, toTraditionalChars(han));
    if (traditionalSignals > simplifiedSignals) return { lang: 'zh-Hant' };
    if (simplifiedSignals > traditionalSignals) return { lang: 'zh-Hans' };
    return { lang: fallback === 'zh-Hans' ? 'zh-Hans' : 'zh-Hant' };
  }
  if (letters > 0) {
    // Vietnamese letters with tone marks are a sure sign before any statistics.
    if (/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/iu.test(text)) return { lang: 'other', code: 'vi' };
    const words = text.trim().split(/\s+/).length;
    if (words < 4) return { lang: 'en' }; // too short for statistics; English is the likely Latin-script asker
    const code = detect(text, { only: ['en', 'vi', 'id', 'ms', 'fr', 'de', 'es', 'pt', 'tl'] });
    return !code || code === 'en' ? { lang: 'en' } : { lang: 'other', code };
  }
  return { lang: fallback };
}

function countDiff(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++;
  return n;
}
