import { ConverterFactory, type ConverterFunction } from 'opencc-js/core';
import fromTw from 'opencc-js/from/tw';
import fromTwPhrases from 'opencc-js/from/twp';
import toCn from 'opencc-js/to/cn';
import stCharacters from 'opencc-js/dict/STCharacters';

/** Taiwan-standard traditional → mainland simplified: jieba's dictionary is simplified. */
const twToCn = ConverterFactory(...fromTw, ...toCn);

export function toSimplified(text: string): string {
  return twToCn(text);
}

/**
 * The same with Taiwan phrases read as their mainland words, for search only: a mainland
 * asker's 信息, 项目, 网络 must meet the plan's 資訊, 專案, 網路. Displayed text keeps the
 * plan's wording (toSimplified), since some phrase pairs differ in tone (建立 → 创建).
 */
const twPhrasesToCn = ConverterFactory(...fromTwPhrases, ...toCn);

// Character-level simplified → traditional, enough to tell the scripts apart. OpenCC's full
// phrase-level cn→tw converter would cost ~70 MB of memory for no gain in detection.
let stChars: ConverterFunction | undefined;
export function toTraditionalChars(text: string): string {
  stChars ??= ConverterFactory([stCharacters]);
  return stChars(text);
}

/** Full-width ASCII (４．２．３, ＡＢＣ) and the ideographic space become their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Removes control and format characters (keeps newline and tab), which users paste by accident. */
export function stripControlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '');
}

/** The one normal form both documents and questions are searched in. */
export function normalizeForSearch(text: string): string {
  return twPhrasesToCn(toHalfWidth(stripControlChars(text))).toLowerCase();
}

// Phrase-level simplified → traditional, built only when first needed (~70 MB of tries).
let cnToTw: ConverterFunction | undefined;
export async function toTraditional(text: string): Promise<string> {
  if (!cnToTw) {
    const [{ default: fromCn }, { default: toTw }] = await Promise.all([import('opencc-js/from/cn'), import('opencc-js/to/tw')]);
    cnToTw = ConverterFactory(...fromCn, ...toTw);
  }
  return cnToTw(text);
}
