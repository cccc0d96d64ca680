import type { Section } from '../corpus/types.js';
import type { KnowledgeBase } from '../index/knowledge-base.js';
import type { RetrievedSection } from '../retrieval/retriever.js';
import type { Lang } from '../text/language.js';
import { bestPassage } from './extract.js';
import { documentName, documentSectionLabel, hasSeveralDocuments, isNewsPreamble, newsAbout, sectionRef } from './document-labels.js';
import { td } from './document-strings.js';
import { t } from './strings.js';
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
    label: documentSectionLabel(kb, docId, section.id, section.title, lang),
    docTitle: documentName(kb, docId, lang),
    ref: sectionRef(kb, docId, section.id),
    quote,
    score: hit.score,
  };
  if (isNewsPreamble(kb, docId, section.id)) citation.preamble = true;
  const translation = translationFor(kb, docId, section, lang, terms);
  if (translation) {
    citation.translation = translation;
    // An English reader sees the section by its English title, unless that translation is outdated.
    if (!translation.outdated) citation.label = documentSectionLabel(kb, docId, section.id, translation.title, lang);
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
  const parts: AnswerPart[] = [];
  const wantsTranslation = lang === 'en' || lang === 'other';
  const outdated: string[] = [];
  const untranslated: string[] = [];
  // Quotes are grouped by where they come from, each group under its own intro: the plan
  // ("根據計畫:"), a named document when there are several, the news article that came with
  // the plan. Groups follow the rank of their best citation.
  for (const group of sourceGroups(kb, citations)) {
    parts.push({ type: 'text', text: groupIntro(kb, group, lang, intro) });
    for (const c of group.citations) {
      const usable = c.translation && !c.translation.outdated ? c.translation : undefined;
      if (usable) {
        parts.push({ type: 'quote', text: usable.quote, sectionId: c.sectionId, docId: c.docId, language: usable.language });
      } else {
        // No current translation: the original is quoted, never a stale translation.
        parts.push({ type: 'quote', text: c.quote, sectionId: c.sectionId, docId: c.docId, language: kb.documentMeta(c.docId)?.language ?? 'zh-Hant' });
        if (wantsTranslation) (c.translation?.outdated ? outdated : untranslated).push(`§${c.sectionId}`);
      }
    }
  }
  if (parts.length === 0) parts.push({ type: 'text', text: t(intro, lang) });
  if (wantsTranslation) {
    const translated = citations.filter((c) => c.translation && !c.translation.outdated && !c.translation.official);
    if (translated.length > 0) parts.push({ type: 'note', text: t('unofficialTranslation', lang, { sections: translated.map((c) => `/section ${sectionRef(kb, c.docId, c.sectionId)}`).join(', ') }) });
    if (outdated.length > 0) parts.push({ type: 'note', text: t('outdatedTranslation', lang, { section: outdated.join(', ') }) });
    if (untranslated.length > 0) parts.push({ type: 'note', text: t('noTranslation', lang, { section: untranslated.join(', ') }) });
  }
  return { parts, citations };
}

interface SourceGroup {
  docId: string;
  news: boolean;
  citations: Citation[];
}

/** Citations by source (document, or a document's news preamble), in the order their best citation ranks. */
function sourceGroups(kb: KnowledgeBase, citations: readonly Citation[]): SourceGroup[] {
  const groups: SourceGroup[] = [];
  for (const c of citations) {
    const news = isNewsPreamble(kb, c.docId, c.sectionId);
    let group = groups.find((g) => g.docId === c.docId && g.news === news);
    if (!group) groups.push((group = { docId: c.docId, news, citations: [] }));
    group.citations.push(c);
  }
  return groups;
}

function groupIntro(kb: KnowledgeBase, group: SourceGroup, lang: Lang, intro: 'according' | 'sectionIntro'): string {
  if (group.news) {
    const about = newsAbout(kb, group.docId, lang);
    return about ? td('newsIntro', lang, { about }) : td('newsIntroPlain', lang);
  }
  if (!hasSeveralDocuments(kb)) return t(intro, lang);
  return td(intro === 'according' ? 'accordingDoc' : 'sectionIntroDoc', lang, { doc: documentName(kb, group.docId, lang) });
}

/** For a heading-only part (a chapter title): what it contains, one line per child. */
export function childrenList(kb: KnowledgeBase, section: Section, docId: string, lang: Lang): string {
  const lines = section.children.map((id) => {
    const child = kb.section(id, docId);
    const title = lang === 'en' || lang === 'other' ? (currentTranslatedTitle(kb, docId, id) ?? child?.title) : child?.title;
    return `• ${documentSectionLabel(kb, docId, id, title ?? id, lang)}`;
  });
  return `${t('includes', lang)}\n${lines.join('\n')}`;
}
