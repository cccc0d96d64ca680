import { toHalfWidth } from '../text/normalize.js';
import { cleanLines, stripBom, type SourceLine } from './clean.js';
import { chineseNumeralToInt, parentId } from './numbering.js';
import type { ParsedDocument, Section } from './types.js';

export interface ParseOptions {
  docId: string;
  title: string;
  language: string;
  dropLines?: readonly string[];
}

interface Heading {
  id: string;
  /** Text after the number, as in the source. */
  rest: string;
  /** Offset of `rest` within the line. */
  restOffset: number;
}

const PREAMBLE_ID = '0';
const PREAMBLE_TITLE = '前言';

// 一、發展目標 | 第四部分 務實合作 | 第五章：… (numeral, then 、 or a part/chapter word)
const CHINESE_CHAPTER = /^(第\s*)?([零〇一二两兩三四五六七八九十百]+)\s*(部分|章|部|篇)?\s*([、.:：]?)\s*/u;
// 4.2.3 貿易… | 4.2.3貿易… | 4.2.3. 貿易…  (after full-width → half-width)
const DOTTED = /^(\d{1,3}(?:\.\d{1,3})+)\.?\s*/u;
// 1、Title | 1. Title (Arabic chapters, accepted only in sequence)
const ARABIC_CHAPTER = /^(\d{1,2})\s*[、.]\s*/u;
// A number followed by these is a quantity, not a heading: 2.5億, 3.5%.
const QUANTITY_AFTER = /^[%％‰萬万億亿元倍年月日个個]/u;

/**
 * Parses a plan into its section tree. Chapters (一、… or 第四部分) become 1, 2, …;
 * dotted numbers (4.1, 4.2.3, 4.1.3.1) nest under their parents; text before
 * the first chapter is the preamble, section '0'. A heading is only accepted
 * when it continues the numbering (next chapter, or a child of a known section),
 * so numbers inside sentences and lists are not mistaken for headings.
 */
export function parseDocument(source: string, options: ParseOptions): ParsedDocument {
  const text = stripBom(source);
  const lines = cleanLines(text, options.dropLines ?? []);
  const sections: Section[] = [];
  const byId = new Map<string, Section>();
  let lastChapter = 0;
  let current: Section | undefined;

  const open = (id: string, line: SourceLine, rest: string, restOffset: number): Section => {
    const parents: string[] = [];
    for (let p = parentId(id); p; p = parentId(p)) if (byId.has(p)) parents.unshift(p);
    const titleCut = rest.indexOf('。');
    const title = titleCut > 0 && titleCut <= 50 ? rest.slice(0, titleCut) : rest.length <= 50 ? rest : `${rest.slice(0, 24)}…`;
    const section: Section = {
      id,
      title: title.trim() || id,
      text: rest,
      parents,
      children: [],
      depth: parents.length,
      start: line.start + restOffset,
      end: line.end,
    };
    const parent = parents.at(-1);
    if (parent) byId.get(parent)!.children.push(id);
    sections.push(section);
    byId.set(id, section);
    return section;
  };

  for (const line of lines) {
    const heading = detectHeading(line.text, lastChapter, byId);
    if (heading) {
      if (!heading.id.includes('.')) lastChapter = Number(heading.id);
      current = open(heading.id, line, heading.rest, heading.restOffset);
      continue;
    }
    if (!current) {
      current = open(PREAMBLE_ID, line, line.text, 0);
      current.title = PREAMBLE_TITLE;
      continue;
    }
    current.text = current.text ? `${current.text}\n${line.text}` : line.text;
    current.end = line.end;
  }

  const numbered = sections.some((s) => s.id !== PREAMBLE_ID);
  if (!numbered) {
    return { docId: options.docId, title: options.title, language: options.language, sections: paragraphSections(lines), unnumbered: true };
  }
  return { docId: options.docId, title: options.title, language: options.language, sections, unnumbered: false };
}

function detectHeading(line: string, lastChapter: number, known: Map<string, Section>): Heading | undefined {
  // Full-width digits and dots map one-to-one onto half-width ones, so offsets stay valid.
  const half = toHalfWidth(line);

  const dotted = DOTTED.exec(half);
  if (dotted) {
    const id = dotted[1]!.split('.').map((n) => String(Number(n))).join('.');
    const rest = line.slice(dotted[0].length);
    const chapter = id.split('.')[0]!;
    const anchored = known.has(chapter) || known.has(parentId(id)!) || (lastChapter === 0 && id.split('.').length === 2);
    if (anchored && !known.has(id) && !QUANTITY_AFTER.test(rest) && rest.trim()) {
      return { id, rest: rest.trimEnd(), restOffset: dotted[0].length };
    }
    return undefined;
  }

  const chinese = CHINESE_CHAPTER.exec(half);
  if (chinese) {
    const [, di, numeral, partWord, punct] = chinese;
    const value = chineseNumeralToInt(numeral!);
    // "第四部分" needs its part word; a bare numeral needs 、 or similar.
    const shaped = di ? Boolean(partWord) : Boolean(punct) && !partWord;
    if (value !== undefined && shaped && value === lastChapter + 1) {
      const rest = line.slice(chinese[0].length).trimEnd();
      return { id: String(value), rest, restOffset: chinese[0].length };
    }
  }

  const arabic = ARABIC_CHAPTER.exec(half);
  if (arabic) {
    const value = Number(arabic[1]);
    const rest = line.slice(arabic[0].length);
    if (value === lastChapter + 1 && rest.trim() && !QUANTITY_AFTER.test(rest)) {
      return { id: String(value), rest: rest.trimEnd(), restOffset: arabic[0].length };
    }
  }
  return undefined;
}

/** A document without numbering: one section per paragraph, ids p1, p2, … in order. */
function paragraphSections(lines: SourceLine[]): Section[] {
  return lines.map((line, i) => ({
    id: `p${i + 1}`,
    title: line.text.length <= 24 ? line.text : `${line.text.slice(0, 24)}…`,
    text: line.text,
    parents: [],
    children: [],
    depth: 0,
    start: line.start,
    end: line.end,
  }));
}
