/**
 * Lines of a PDF page rebuilt from where its text is drawn, not from the order it
 * is drawn in: text on one baseline is one line unless a wide gap splits it (a
 * gutter between columns), a page in two columns is read column by column, and
 * running headers and footers (the same line at the top or bottom of most pages,
 * bare page numbers) are dropped, so none of them is glued into a paragraph.
 */

export interface PdfLine {
  text: string;
  /** Left edge of the line's first glyph and right edge of its last, in page units. */
  left: number;
  right: number;
  /** Baseline height on its page (PDF y grows upwards). */
  y: number;
  page: number;
  /** Font size of the line, in page units. */
  size: number;
  /** 0 for a single-column page or the left column, 1 for the right column. */
  column: number;
}

interface PlacedItem {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** pdf.js text items of one page → positioned runs (empty runs and non-text items left out). */
function placedItems(items: readonly unknown[]): PlacedItem[] {
  const placed: PlacedItem[] = [];
  for (const raw of items) {
    if (!raw || typeof raw !== 'object' || !('str' in raw)) continue;
    const item = raw as { str: string; transform: number[]; width: number; height: number };
    // Blank runs are spaces pdf.js infers from gaps (one may span a column gutter): the gaps themselves are measured below.
    if (!item.str.trim()) continue;
    const size = Math.abs(item.transform[0] ?? 0) || Math.abs(item.transform[3] ?? 0) || item.height || 10;
    placed.push({ text: item.str, x: item.transform[4] ?? 0, y: item.transform[5] ?? 0, width: item.width, size });
  }
  return placed;
}

/** A horizontal gap wider than this many font sizes separates two runs on one baseline into two lines. */
const GAP_SPLIT = 2;

/** Runs on one baseline, left to right, split at wide gaps. */
function rowsToSegments(items: PlacedItem[], page: number): PdfLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PlacedItem[][] = [];
  for (const item of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0]!.y - item.y) <= Math.max(row[0]!.size, item.size) * 0.4) row.push(item);
    else rows.push([item]);
  }
  const lines: PdfLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let current: PdfLine | undefined;
    for (const item of row) {
      const gap = current ? item.x - current.right : 0;
      if (!current || gap > GAP_SPLIT * Math.max(item.size, current.size)) {
        if (current) lines.push(current);
        current = { text: item.text, left: item.x, right: item.x + item.width, y: item.y, page, size: item.size, column: 0 };
      } else {
        // A space a layout leaves between words is kept; glyphs of Chinese text touch.
        current.text += gap > 0.2 * item.size && !/\s$/.test(current.text) && !/^\s/.test(item.text) ? ` ${item.text}` : item.text;
        current.right = Math.max(current.right, item.x + item.width);
        current.size = Math.max(current.size, item.size);
      }
    }
    if (current) lines.push(current);
  }
  return lines;
}

/**
 * The x of a gutter no line crosses, with lines on both sides of it on at least
 * three baselines shared by both columns; undefined for a single-column page. Lines
 * crossing it (a title, a header) are allowed above or below the columns only.
 */
function findGutter(lines: readonly PdfLine[]): number | undefined {
  const candidates = [...new Set(lines.map((l) => Math.round(l.left)))].sort((a, b) => a - b);
  const minLeft = Math.min(...lines.map((l) => l.left));
  for (const x of candidates) {
    if (x < minLeft + 100) continue;
    const leftSide = lines.filter((l) => l.right <= x - 4);
    const rightSide = lines.filter((l) => l.left >= x - 1);
    const crossing = lines.filter((l) => l.left < x - 1 && l.right > x - 4);
    if (leftSide.length < 3 || rightSide.length < 3) continue;
    const sharedRows = leftSide.filter((l) => rightSide.some((r) => Math.abs(r.y - l.y) < l.size)).length;
    if (sharedRows < 3) continue;
    const top = Math.max(...[...leftSide, ...rightSide].map((l) => l.y));
    const bottom = Math.min(...[...leftSide, ...rightSide].map((l) => l.y));
    if (crossing.every((l) => l.y > top || l.y < bottom)) return x;
  }
  return undefined;
}

/** A page's lines in reading order: top to bottom, or column by column. */
export function pageLines(items: readonly unknown[], page: number): PdfLine[] {
  const lines = rowsToSegments(placedItems(items), page);
  const gutter = lines.length >= 6 ? findGutter(lines) : undefined;
  if (gutter === undefined) return lines;
  const inColumns = lines.filter((l) => l.right <= gutter - 4 || l.left >= gutter - 1);
  const top = Math.max(...inColumns.map((l) => l.y));
  const above = lines.filter((l) => !inColumns.includes(l) && l.y > top);
  const below = lines.filter((l) => !inColumns.includes(l) && !above.includes(l));
  const left = inColumns.filter((l) => l.right <= gutter - 4);
  const right = inColumns.filter((l) => l.left >= gutter - 1).map((l) => ({ ...l, column: 1 }));
  return [...above, ...left, ...right, ...below];
}

/** A bare page number: "12", "- 12 -", "第 12 頁", "12 / 30", "Page 12 of 30". */
const PAGE_NUMBER = /^\s*(?:[-–—]\s*)?(?:第\s*)?\d{1,4}(?:\s*[頁页])?(?:\s*[-–—])?\s*$|^\s*\d{1,4}\s*\/\s*\d{1,4}\s*$|^\s*page\s+\d{1,4}(?:\s+of\s+\d{1,4})?\s*$/iu;

/** How many lines at the top and at the bottom of a page may be a running header or footer. */
const EDGE_LINES = 2;

/**
 * Drops running headers and footers: a line at the top or bottom of a page whose
 * text (digits aside) recurs at the top or bottom of most pages, and bare page
 * numbers there. A document of one page keeps everything but a bare page number.
 */
export function dropRunningLines(lines: readonly PdfLine[]): PdfLine[] {
  const pages = new Map<number, PdfLine[]>();
  for (const l of lines) pages.set(l.page, [...(pages.get(l.page) ?? []), l]);
  const edge = new Set<PdfLine>();
  for (const pageLinesOf of pages.values()) {
    const byHeight = [...pageLinesOf].sort((a, b) => b.y - a.y);
    for (const l of [...byHeight.slice(0, EDGE_LINES), ...byHeight.slice(-EDGE_LINES)]) edge.add(l);
  }
  const key = (l: PdfLine) => l.text.replace(/\d+/g, '#').replace(/\s+/g, '');
  const pagesWith = new Map<string, Set<number>>();
  for (const l of edge) pagesWith.set(key(l), (pagesWith.get(key(l)) ?? new Set()).add(l.page));
  const recurring = (l: PdfLine) => pages.size >= 3 && (pagesWith.get(key(l))?.size ?? 0) >= Math.max(3, pages.size * 0.6);
  return lines.filter((l) => !(edge.has(l) && (PAGE_NUMBER.test(l.text) || recurring(l))));
}
