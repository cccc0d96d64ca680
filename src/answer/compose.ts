import type { Section } from '../corpus/types.js';
import type { KnowledgeBase } from '../index/knowledge-base.js';
import type { RetrievedSection } from '../retrieval/retriever.js';
import type { Lang } from '../text/language.js';
import { bestPassage } from './extract.js';
import { sectionLabel, t } from './strings.js';
import type { AnswerPart, Citation } from './types.js';
import { currentTranslatedTitle, translationFor } from './translation.js';

export interface ComposedReply {
  parts: AnswerPart[];
  citations: Citation[];
}

/** A citation of one section with its best passage, plus the aligned translation for a non-Chinese asker. */
export function citeSection(kb: KnowledgeBase, hit: RetrievedSection, terms: readonly string[], lang: Lang): Citation {
  const { section, docId } = hit;
  const quote = bestPassage(section.text, section.title, terms);
  const citation: Citation = {
    docId,
    sectionId: section.id,
    title: section.title,
    label: sectionLabel(section.id, section.title, lang),
    quote,
    score: hit.score,
  };
  const translation = translationFor(kb, docId, section, lang, terms);
  if (translation) {
    citation.translation = translation;
    // An English reader sees the section by its English title, unless that translation is outdated.
    if (!translation.outdated) citation.label = sectionLabel(section.id, translation.title, lang);
  }
  return citation;
}

/**
 * The offline reply: each cited section's passage, quoted verbatim and followed by
 * its citation. A non-Chinese asker reads the aligned translation when there is a
 * current one, with a pointer to the authoritative Chinese text.
 */
export function composeExtractive(kb: KnowledgeBase, hits: readonly RetrievedSection[], terms: readonly string[], lang: Lang, intro: 'according' | 'sectionIntro'): ComposedReply {
  const citations = hits.map((hit) => citeSection(kb, hit, terms, lang));
  const parts: AnswerPart[] = [{ type: 'text', text: t(intro, lang) }];
  const wantsTranslation = lang === 'en' || lang === 'other';
  const outdated: string[] = [];
  const untranslated: string[] = [];
  for (const c of citations) {
    const usable = c.translation && !c.translation.outdated ? c.translation : undefined;
    if (usable) {
      parts.push({ type: 'quote', text: usable.quote, sectionId: c.sectionId, docId: c.docId, language: usable.language });
    } else {
      // No current translation: the original is quoted, never a stale translation.
      parts.push({ type: 'quote', text: c.quote, sectionId: c.sectionId, docId: c.docId, language: kb.documentMeta(c.docId)?.language ?? 'zh-Hant' });
      if (wantsTranslation) (c.translation?.outdated ? outdated : untranslated).push(`§${c.sectionId}`);
    }
  }
  if (wantsTranslation) {
    const translated = citations.filter((c) => c.translation && !c.translation.outdated && !c.translation.official);
    if (translated.length > 0) parts.push({ type: 'note', text: t('unofficialTranslation', lang, { sections: translated.map((c) => `/section ${c.sectionId}`).join(', ') }) });
    if (outdated.length > 0) parts.push({ type: 'note', text: t('outdatedTranslation', lang, { section: outdated.join(', ') }) });
    if (untranslated.length > 0) parts.push({ type: 'note', text: t('noTranslation', lang, { section: untranslated.join(', ') }) });
  }
  return { parts, citations };
}

/** For a heading-only part (a chapter title): what it contains, one line per child. */
export function childrenList(kb: KnowledgeBase, section: Section, docId: string, lang: Lang): string {
  const lines = section.children.map((id) => {
    const child = kb.section(id, docId);
    const title = lang === 'en' || lang === 'other' ? (currentTranslatedTitle(kb, docId, id) ?? child?.title) : child?.title;
    return `• ${sectionLabel(id, title ?? id, lang)}`;
  });
  return `${t('includes', lang)}\n${lines.join('\n')}`;
}
