import { chineseNumeralToInt } from '../corpus/numbering.js';
import { toHalfWidth } from '../text/normalize.js';

/**
 * Section numbers a question names: "4.2.3", "§4.2.3", "第4.2.3條", "section 4.2.3",
 * "４．２．３", "第五部分", "第5章", "chapter 5", "part five". Only ids that exist
 * (per `exists`) are returned, in the order they appear.
 */
export function findSectionReferences(question: string, exists: (id: string) => boolean): string[] {
  const text = toHalfWidth(question);
  const found: { id: string; at: number }[] = [];
  const add = (id: string | undefined, at: number) => {
    if (id && exists(id) && !found.some((f) => f.id === id)) found.push({ id, at });
  };

  // Dotted numbers, not part of a longer number or a decimal quantity (2.5%).
  for (const m of text.matchAll(/(?<![\d.])(\d{1,3}(?:\.\d{1,3})+)(?![\d%])/g)) {
    add(m[1]!.split('.').map((n) => String(Number(n))).join('.'), m.index);
  }
  // 第五部分, 第5章, 第四節, 第5條 (a bare chapter number needs one of these words).
  for (const m of text.matchAll(/第\s*([零〇一二两兩三四五六七八九十百]+|\d{1,2})\s*(?:部分|部|章|篇|節|节|條|条|項|项|大點|大点)/gu)) {
    add(toChapterId(m[1]!), m.index);
  }
  // chapter 5, section 5, part 5, § 5, part five
  for (const m of text.matchAll(/(?:\b(?:chapter|section|part|sec\.?|ch\.?)\s*|§\s*)(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|[ivx]{1,4})\b(?!\.\d)/giu)) {
    add(toChapterId(m[1]!), m.index);
  }
  // Vietnamese and Thai: mục 5, chương 5, phần 5, điều 5; ข้อ 5, หมวด 5, บทที่ 5, ส่วนที่ 5 (dotted numbers are found above).
  for (const m of text.matchAll(/(?:\b(?:mục|chương|phần|điều)|ข้อ|หมวด(?:ที่)?|บทที่|ส่วนที่)\s*(\d{1,2})(?![\d.])/giu)) {
    add(toChapterId(m[1]!), m.index);
  }
  // 前言 / preamble / introduction name section 0.
  const preamble = /前言|序言|preamble|introduction/iu.exec(text);
  if (preamble) add('0', preamble.index);
  return found.sort((a, b) => a.at - b.at).map((f) => f.id);
}

const ENGLISH_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };

function toChapterId(token: string): string | undefined {
  const lower = token.toLowerCase();
  const value = /^\d+$/.test(lower) ? Number(lower) : (ENGLISH_NUMBERS[lower] ?? ROMAN[lower] ?? chineseNumeralToInt(token));
  return value ? String(value) : undefined;
}
