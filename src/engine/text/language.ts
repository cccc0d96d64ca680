import { createRequire } from 'node:module';
import { toSimplified, toTraditionalChars } from './normalize.js';

// tinyld's n-gram tables cost ~13 MB and are needed only for the rare Latin text that is not
// English: loaded on first use (synchronously, through its CommonJS build).
let tinyldDetect: (typeof import('tinyld/light'))['detect'] | undefined;
function detect(text: string): string {
  tinyldDetect ??= (createRequire(import.meta.url)('tinyld/light') as typeof import('tinyld/light')).detect;
  return tinyldDetect(text);
}

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

/** Frequent words of English, and of the region's other Latin-script languages (Vietnamese typed without tone marks). */
const FUNCTION_WORDS: Record<string, ReadonlySet<string>> = {
  en: new Set('the an of and or to in on at for with from by about is are was were be been do does did what which who whom whose when where why how will would can could should shall may must there this that these those it its they their we our you your has have had not any some all more than'.split(' ')),
  id: new Set('yang dan di ini itu untuk dengan apa ada dari ke tentang bagaimana apakah tidak akan dalam pada juga atau oleh sudah bisa rencana kerja sama'.split(' ')),
  tl: new Set('ang ng mga sa ay ano paano na para ito mayroon tungkol kung hindi siya nila plano'.split(' ')),
  vi: new Set('gi ve cua va la khong nhung cac nhu nao duoc voi trong mot nay hop tac ke hoach nuoc thi cho tai sao bao nhieu'.split(' ')),
  // Europe's Latin-script languages, so a German or French question is not read as English (and answered as if it were).
  de: new Set('der die das den dem des und ist sind wie was wer wann wo warum welche welcher welches nicht mit von zu für über auf ein eine einen einer im sich oft auch oder plan zur zum bei nach wird werden gibt es'.split(' ')),
  fr: new Set('le la les des du de et est sont que qui quoi quel quelle quels comment pourquoi où dans sur pour avec une un pas ce cette ces au aux dit fait plan'.split(' ')),
  es: new Set('el la los las de del y es son que qué cómo cuál cuáles quién dónde cuándo por para con una un en sobre dice plan se lo al'.split(' ')),
  pt: new Set('o a os as de do da dos das e é são que qual quais como onde quando por para com uma um em sobre diz plano no na'.split(' ')),
};

/** Letters English does not use: one of them and at most one English function word means another language. */
const NON_ENGLISH_LETTERS = /[äöüßàâæçèéêëîïôœùûÿñáíóúãõ]/iu;

/**
 * Latin-script text is English unless it shows another language: Vietnamese tone
 * marks, more frequent words of Indonesian/Malay, Tagalog or toneless Vietnamese
 * than of English, or (with no frequent words at all) letters English does not
 * use, named by tinyld. Statistics alone misread short English noun phrases
 * ("food security and agricultural technology") as Spanish or Portuguese.
 */
function detectLatin(text: string): DetectedLanguage {
  // Vietnamese letters with tone marks are a sure sign before any statistics.
  if (/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/iu.test(text)) return { lang: 'other', code: 'vi' };
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const counts = Object.fromEntries(Object.entries(FUNCTION_WORDS).map(([code, set]) => [code, words.filter((w) => set.has(w)).length]));
  const [bestOther, otherCount] = Object.entries(counts)
    .filter(([code]) => code !== 'en')
    .sort((a, b) => b[1] - a[1])[0]!;
  if (otherCount >= 2 && otherCount > counts.en!) return { lang: 'other', code: bestOther === 'id' ? 'id' : bestOther };
  if (NON_ENGLISH_LETTERS.test(text) && counts.en! <= 1) {
    const code = detect(text);
    return { lang: 'other', code: code && code !== 'en' ? code : bestOther };
  }
  if (counts.en! > 0 || /^[\x00-\x7f]*$/.test(text)) return { lang: 'en' };
  const code = detect(text);
  return !code || code === 'en' ? { lang: 'en' } : { lang: 'other', code };
}

/**
 * Language and script of a question. Chinese script is decided by OpenCC: text
 * that changes when converted to simplified is traditional, and the reverse.
 * Latin text is English unless it shows another language (see detectLatin).
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
  if (letters > 0) return detectLatin(text);
  return { lang: fallback };
}

function countDiff(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++;
  return n;
}
