import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import { toTraditionalChars } from '../../../engine/text/normalize.js';
import { reject } from './rejection.js';

export interface DecodedText {
  text: string;
  /** 'utf-8', 'utf-8 (BOM)', 'utf-16le (BOM)', 'gb18030', 'big5', … */
  encoding: string;
}

/**
 * Turns the bytes of a plain-text file into text. Byte-order marks decide first
 * (UTF-8, UTF-16 LE/BE); then valid UTF-8; then, when there are zero bytes,
 * UTF-16 without a mark in either byte order; then the legacy Chinese encodings, where
 * jschardet's guess is checked by decoding: the candidate whose text has no
 * broken characters and the most everyday Chinese characters wins, because
 * short texts are easily misjudged between GB18030 and Big5.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8 (BOM)' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le (BOM)' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be (BOM)' };

  const zeros = countZeros(buf);
  if (zeros.total === 0) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
    } catch {
      // not UTF-8: a legacy encoding, below
    }
  } else {
    const utf16 = buf.length % 2 === 0 ? utf16WithoutMark(buf) : undefined;
    if (utf16) return utf16;
    reject('binary', 'The file contains binary data (zero bytes), not text. Send the plan as .txt, .md, .docx or .pdf.');
  }

  const guesses = jschardet.detectAll(buf).flatMap((g) => (g.encoding ? [g.encoding.toLowerCase()] : []));
  const candidates = [...new Set([...guesses, 'gb18030', 'big5'])].filter((e) => iconv.encodingExists(e));
  let best: { text: string; encoding: string; score: number } | undefined;
  for (const encoding of candidates) {
    const text = iconv.decode(buf, encoding);
    const score = plausibility(text);
    if (!best || score > best.score) best = { text, encoding: normalizeName(encoding), score };
  }
  if (!best || best.score < 0) {
    reject('no-text', 'The text encoding of the file could not be recognised (tried UTF-8, UTF-16, GB18030 and Big5). Save it as UTF-8 and send it again.');
  }
  return { text: best.text, encoding: best.encoding };
}

/**
 * UTF-16 without a byte-order mark. Zero bytes alone do not tell the byte
 * order of Chinese text (一 is U+4E00, a zero in the low byte), so both orders
 * are decoded and judged: the right one has no broken or unassigned
 * characters, and its characters are everyday Chinese or ASCII letters and
 * digits; the swapped one reads as rare or unassigned characters.
 */
function utf16WithoutMark(buf: Buffer): DecodedText | undefined {
  let best: { text: string; encoding: string; score: number } | undefined;
  for (const encoding of ['utf-16le', 'utf-16be']) {
    const text = iconv.decode(buf, encoding);
    const score = utf16Plausibility(text);
    if (score > 0.2 && (!best || score > best.score)) best = { text, encoding, score };
  }
  return best && { text: best.text, encoding: best.encoding };
}

function utf16Plausibility(text: string): number {
  let familiar = 0;
  let bad = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uE000-\uF8FF\uFFFD\p{Cn}\p{Cs}]/u.test(ch)) bad++;
    else if (everyday.has(ch) || /[A-Za-z0-9\s]/.test(ch)) familiar++;
  }
  if (total === 0 || bad / total > 0.01) return -1;
  return familiar / total;
}

function countZeros(buf: Buffer): { total: number; even: number; odd: number } {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 0) (i % 2 === 0 ? even++ : odd++);
  return { total: even + odd, even, odd };
}

function normalizeName(encoding: string): string {
  if (encoding === 'gb2312' || encoding === 'gbk') return 'gb18030';
  return encoding;
}

// The 300-odd most frequent characters of modern Chinese, plus their traditional forms.
const EVERYDAY =
  '的一是了不在有人上这大我国来们和个他中说到地为以子就时要出会可也你对生能而着下自之年过发后作里如家多成方都于还用面同好行工开起所民学经动分现法实然本定主意其没当那些事看只进种理从心新体政明将月部力机已物三与二长情关公问题因高点十全外开通提加利但道制相知向展务业向合建解由并而合内设产军政资治重及比基原位权量第间活入安今常条几制次最性反员化别百正此立比种计达形济统至求组口手期场思表路社保达界系社无统计指气流料风代即见放结领车委究总团区变义格则条区社报教造设员革易代美产深受件质建况导反科革林术改权品务例较量引确收律证观备导办任式议色低政象规路府列候照接华世商任管热政农且布完形存注究集难资制收观率百备验调识转管张况增领议各器传节应建技解众存资制局';
const everyday = new Set([...EVERYDAY, ...toTraditionalChars(EVERYDAY)]);

/** Broken or control characters count against a decoding; everyday Chinese characters count for it. */
function plausibility(text: string): number {
  let bad = 0;
  let common = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    if (ch === '\uFFFD' || /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uE000-\uF8FF]/u.test(ch)) bad++;
    else if (everyday.has(ch)) common++;
  }
  if (total === 0) return 0;
  if (bad / total > 0.01) return -1;
  return common / total - bad / total;
}
