import type { Assistant } from '../../engine/answer/assistant.js';
import { documentName, documentRef, documentSectionLabel, sectionHeading, sectionRef } from '../../engine/answer/document-labels.js';
import { td } from '../../engine/answer/document-strings.js';
import { lookupSection } from './section-lookup.js';
import type { Lang } from '../../engine/text/language.js';
import { isOutdated } from '../../engine/corpus/stamp.js';
import { READER_LANGUAGE } from '../../engine/answer/translation.js';

/** What /section shows: the verbatim text, the children, and the translation if any. */
export interface SectionView {
  /** What opens it again: '4.2.3' in the main document, 'minutes:1.2' in another (buttons, deep links). */
  id: string;
  docId: string;
  sectionId: string;
  /** The document's title in the reader's language. */
  docTitle: string;
  /** Set when the section was found in another document than the one asked for. */
  note?: string;
  label: string;
  title: string;
  text: string;
  children: { id: string; label: string }[];
  /**
   * The aligned translation. `outdated`: the Chinese text changed since it was
   * translated; show it only flagged as such (the Chinese above is current), never as current.
   */
  translation?: { language: string; title: string; text: string; official: boolean; notice: string; outdated: boolean };
}

export function sectionView(assistant: Assistant, input: string, lang: Lang = 'zh-Hant'): SectionView | undefined {
  const kb = assistant.knowledge;
  const found = lookupSection(kb, input);
  if (!found.found) return undefined;
  const { docId, sectionId: id } = found;
  const section = kb.section(id, docId)!;
  const translated = kb.translation(id, READER_LANGUAGE, docId);
  const info = kb.translationInfo(READER_LANGUAGE, docId);
  const docTitle = documentName(kb, docId, lang);
  return {
    id: sectionRef(kb, docId, id),
    docId,
    sectionId: id,
    docTitle,
    ...(found.elsewhere ? { note: td('foundInOtherDocument', lang, { id, doc: docTitle }) } : {}),
    label: sectionHeading(kb, docId, id, section.title, lang),
    title: section.title,
    text: section.text,
    children: section.children.map((c) => ({ id: sectionRef(kb, docId, c), label: documentSectionLabel(kb, docId, c, kb.section(c, docId)?.title ?? c, lang) })),
    ...(translated && info ? { translation: { language: READER_LANGUAGE, title: translated.title, text: translated.text, official: info.official, notice: info.notice, outdated: isOutdated(translated, section) } } : {}),
  };
}

/** Table of contents entries (chapters and their sections), for /toc. */
export function tableOfContents(assistant: Assistant, maxDepth = 1, lang: Lang = 'zh-Hant'): { id: string; label: string; depth: number }[] {
  const kb = assistant.knowledge;
  return kb
    .sections()
    .filter((s) => s.depth <= maxDepth)
    .map((s) => ({ id: s.id, label: documentSectionLabel(kb, kb.primaryDocId, s.id, s.title, lang), depth: s.depth }));
}

/** Facts for /about: document, index version and time, embedder. Front ends add their own health lines. */
export function aboutView(assistant: Assistant): { title: string; version: string; indexedAt: string; embedder: string; sections: number } {
  const kb = assistant.knowledge;
  const m = kb.manifest;
  return {
    title: kb.documentMeta()?.title ?? m.documents[0]?.title ?? '',
    version: m.version,
    indexedAt: m.createdAt,
    embedder: `${m.embedder.name} (${m.embedder.model}, ${m.embedder.dimension}d)`,
    sections: m.sections,
  };
}

/** One line of /docs: a document the assistant answers from. */
export interface DocumentEntry {
  docId: string;
  /** What to type before a section id: `minutes` in `/section minutes:1.2`. */
  ref: string;
  title: string;
  language: string;
  /** The version date from corpus.json, else the day the index was built. */
  date: string;
  /** True when `date` is the index build day (corpus.json gives no date). */
  dateIsIndexed: boolean;
  sections: number;
  primary: boolean;
}

/** Every document in the index, the main one first, for /docs. */
export function documentsView(assistant: Assistant, lang: Lang = 'zh-Hant'): DocumentEntry[] {
  const kb = assistant.knowledge;
  return kb.corpus.documents.map((d) => ({
    docId: d.meta.id,
    ref: documentRef(kb, d.meta.id),
    title: documentName(kb, d.meta.id, lang),
    language: d.meta.language,
    date: d.meta.date ?? kb.manifest.createdAt.slice(0, 10),
    dateIsIndexed: d.meta.date === undefined,
    sections: d.parsed.sections.length,
    primary: d.meta.id === kb.primaryDocId,
  }));
}

/** /docs as plain text in the reader's language (Telegram, Slack and the CLI escape or format it). */
export function renderDocumentsText(entries: readonly DocumentEntry[], lang: Lang): string {
  const lines = entries.map((e) =>
    `• ${td('docsLine', lang, { title: e.title, ref: e.ref, language: e.language, date: e.dateIsIndexed ? td('indexedOn', lang, { date: e.date }) : e.date, sections: e.sections })}`,
  );
  return [td('docsHeading', lang), ...lines].join('\n');
}
