/** Chinese numerals as used in chapter headings (一 … 十, 十一 … 九十九, 一百 …) to integers. */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export function chineseNumeralToInt(numeral: string): number | undefined {
  if (!numeral || !/^[零〇一二两兩三四五六七八九十百]+$/u.test(numeral)) return undefined;
  let total = 0;
  let current = 0;
  for (const ch of numeral) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = current * 10 + DIGITS[ch]!;
    }
  }
  const value = total + current;
  return value > 0 ? value : undefined;
}

/** '4.2.3' → '4.2'; a chapter id has no parent. */
export function parentId(id: string): string | undefined {
  const cut = id.lastIndexOf('.');
  return cut > 0 ? id.slice(0, cut) : undefined;
}

/** Orders section ids numerically ('4.2.10' after '4.2.9'); paragraph ids after numbered ones. */
export function compareSectionIds(a: string, b: string): number {
  const pa = a.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : Number.MAX_SAFE_INTEGER));
  const pb = b.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : Number.MAX_SAFE_INTEGER));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}
