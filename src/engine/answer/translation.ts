import { isOutdated, sourceStamp } from '../corpus/stamp.js';
import type { Section } from '../corpus/types.js';
import type { KnowledgeBase } from '../index/knowledge-base.js';
import type { StoredCorpus } from '../index/version-files.js';
import type { Lang } from '../text/language.js';
import { bestPassage } from './extract.js';
import type { Citation } from './types.js';

export { sourceStamp };

/** The language translations are quoted in for askers who do not read Chinese. */
export const READER_LANGUAGE = 'en';

/**
 * The aligned translation of a section for a non-Chinese asker, if one exists.
 * It is marked outdated when the section's source text changed since it was
 * translated (the translation carries a stamp of the text it was made from).
 */
export function translationFor(kb: KnowledgeBase, docId: string, section: Section, lang: Lang, terms: readonly string[]): Citation['translation'] {
  if (lang !== 'en' && lang !== 'other') return undefined;
  const translated = kb.translation(section.id, READER_LANGUAGE, docId);
  const info = kb.translationInfo(READER_LANGUAGE, docId);
  if (!translated || !info) return undefined;
  const text = translated.text || translated.title;
  return { language: READER_LANGUAGE, title: translated.title, quote: bestPassage(text, '', terms), official: info.official, outdated: isOutdated(translated, section) };
}

/** The translated title of a section when its translation is current; otherwise undefined (use the source title). */
export function currentTranslatedTitle(kb: KnowledgeBase, docId: string, sectionId: string, language = READER_LANGUAGE): string | undefined {
  const translated = kb.translation(sectionId, language, docId);
  const section = kb.section(sectionId, docId);
  return translated && section && !isOutdated(translated, section) ? translated.title : undefined;
}

export interface OutdatedTranslation {
  docId: string;
  sectionId: string;
  /** Language of the translation ('en'). */
  language: string;
  /** The section's current (source) title. */
  title: string;
  /** The stale translated title. */
  translatedTitle: string;
}

/**
 * Translated sections whose source text changed since they were translated, in
 * document order: what `/changes` lists and what a translator should review
 * (then stamp with `npm run stamp-translation`).
 */
export function outdatedTranslations(kb: KnowledgeBase): OutdatedTranslation[] {
  return outdatedTranslationsOf(kb.corpus);
}

/** The same, for the corpus an index version stores (the re-index service reads it from disk). */
export function outdatedTranslationsOf(corpus: StoredCorpus): OutdatedTranslation[] {
  const out: OutdatedTranslation[] = [];
  for (const doc of corpus.documents) {
    for (const translation of doc.translations) {
      const byId = new Map(translation.sections.map((t) => [t.id, t]));
      for (const section of doc.parsed.sections) {
        const t = byId.get(section.id);
        if (t && isOutdated(t, section)) {
          out.push({ docId: doc.meta.id, sectionId: section.id, language: translation.language, title: section.title, translatedTitle: t.title });
        }
      }
    }
  }
  return out;
}
