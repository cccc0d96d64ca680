import type { Chunk, DocumentTranslation, ParsedDocument, Section } from './types.js';

export interface ChunkOptions {
  /** Sections longer than this (characters) are split into windows. */
  maxChars: number;
  /** Sentences repeated at the start of the next window, so no idea is cut in half. */
  overlapSentences: number;
}

const DEFAULT_CHUNKING: ChunkOptions = { maxChars: 400, overlapSentences: 1 };

/** Splits after sentence-ending punctuation (Chinese and Latin), keeping the punctuation. */
export function splitSentences(text: string): string[] {
  // A Latin full stop ends a sentence only before a space or the end: "4.2.3" and "2.5" stay whole.
  const parts = text.match(/(?:[^。！？!?；;.\n]|\.(?!\s|$))+(?:(?:[。！？!?；;]|\.(?=\s|$))+[」』”’)]?|\n|$)|[。！？!?；;]+/gu) ?? [];
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function windows(text: string, options: ChunkOptions): string[] {
  if (text.length <= options.maxChars) return [text];
  const sentences = splitSentences(text);
  const out: string[] = [];
  let start = 0;
  while (start < sentences.length) {
    let end = start;
    let length = 0;
    while (end < sentences.length && (end === start || length + sentences[end]!.length <= options.maxChars)) {
      length += sentences[end]!.length;
      end++;
    }
    out.push(sentences.slice(start, end).join(''));
    if (end >= sentences.length) break;
    start = Math.max(start + 1, end - options.overlapSentences);
  }
  return out;
}

function headingPath(section: Section, byId: Map<string, Section>): string[] {
  return [...section.parents.map((p) => byId.get(p)?.title ?? p), section.title];
}

/**
 * One chunk per section (windows for long ones). A heading-only section (a chapter
 * title with no text of its own) carries its children's titles, so "what does
 * chapter 5 include" finds the chapter itself.
 */
export function chunkDocument(doc: ParsedDocument, translations: readonly DocumentTranslation[], options: ChunkOptions = DEFAULT_CHUNKING): Chunk[] {
  const byId = new Map(doc.sections.map((s) => [s.id, s]));
  const chunks: Chunk[] = [];
  const push = (section: Section, language: string, text: string, childTitles: string[]) => {
    const path = headingPath(section, byId);
    const body = section.children.length > 0 && text.length < 60 ? `${text}\n${childTitles.join('\n')}` : text;
    windows(body, options).forEach((window, n) => {
      chunks.push({ key: `${doc.docId}#${section.id}#${language}#${n}`, docId: doc.docId, sectionId: section.id, language, headingPath: path, text: window });
    });
  };
  for (const section of doc.sections) {
    push(section, doc.language, section.text, section.children.map((c) => byId.get(c)!.title));
  }
  for (const translation of translations) {
    const translated = new Map(translation.sections.map((s) => [s.id, s]));
    for (const section of doc.sections) {
      const t = translated.get(section.id);
      if (!t) continue;
      const text = t.text ? `${t.title}. ${t.text}` : t.title;
      push(section, translation.language, text, section.children.map((c) => translated.get(c)?.title ?? ''));
    }
  }
  return chunks;
}
