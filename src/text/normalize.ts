import * as OpenCC from 'opencc-js';

/** Taiwan-standard traditional → mainland simplified: jieba's dictionary is simplified. */
const twToCn = OpenCC.Converter({ from: 'tw', to: 'cn' });
const cnToTw = OpenCC.Converter({ from: 'cn', to: 'tw' });

export function toSimplified(text: string): string {
  return twToCn(text);
}

export function toTraditional(text: string): string {
  return cnToTw(text);
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
  return toSimplified(toHalfWidth(stripControlChars(text))).toLowerCase();
}
