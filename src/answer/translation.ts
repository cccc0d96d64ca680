import type { Section } from '../corpus/types.js';
import type { KnowledgeBase } from '../index/knowledge-base.js';
import { sha256 } from '../index/manifest.js';
import type { Lang } from '../text/language.js';
import { bestPassage } from './extract.js';
import type { Citation } from './types.js';

/** Hash stamped on a translated section: the source text it was translated from. */
export function sourceStamp(text: string): string {
  return sha256(text).slice(0, 16);
}

/**
 * The aligned translation of a section for a non-Chinese asker, if one exists.
 * It is marked outdated when the section's source text changed since it was
 * translated (the translation carries a stamp of the text it was made from).
 */
export function translationFor(kb: KnowledgeBase, docId: string, section: Section, lang: Lang, terms: readonly string[]): Citation['translation'] {
  if (lang !== 'en' && lang !== 'other') return undefined;
  const translated = kb.translation(section.id, 'en', docId);
  const info = kb.translationInfo('en', docId);
  if (!translated || !info) return undefined;
  const text = translated.text || translated.title;
  const outdated = translated.sourceHash !== undefined && translated.sourceHash !== sourceStamp(section.text);
  return { language: 'en', title: translated.title, quote: bestPassage(text, '', terms), official: info.official, outdated };
}
