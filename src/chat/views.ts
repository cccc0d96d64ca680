import type { Assistant } from '../answer/assistant.js';
import { sectionLabel } from '../answer/strings.js';
import { resolveSectionId } from './section-id.js';
import type { Lang } from '../text/language.js';
import { isOutdated } from '../corpus/stamp.js';
import { READER_LANGUAGE } from '../answer/translation.js';

/** What /section shows: the verbatim text, the children, and the translation if any. */
export interface SectionView {
  id: string;
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
  const id = resolveSectionId(assistant, input);
  const section = id ? kb.section(id) : undefined;
  if (!id || !section) return undefined;
  const translated = kb.translation(id, READER_LANGUAGE);
  const info = kb.translationInfo(READER_LANGUAGE);
  return {
    id,
    label: sectionLabel(id, section.title, lang),
    title: section.title,
    text: section.text,
    children: section.children.map((c) => ({ id: c, label: sectionLabel(c, kb.section(c)?.title ?? c, lang) })),
    ...(translated && info ? { translation: { language: READER_LANGUAGE, title: translated.title, text: translated.text, official: info.official, notice: info.notice, outdated: isOutdated(translated, section) } } : {}),
  };
}

/** Table of contents entries (chapters and their sections), for /toc. */
export function tableOfContents(assistant: Assistant, maxDepth = 1): { id: string; label: string; depth: number }[] {
  return assistant.knowledge
    .sections()
    .filter((s) => s.depth <= maxDepth)
    .map((s) => ({ id: s.id, label: sectionLabel(s.id, s.title), depth: s.depth }));
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
