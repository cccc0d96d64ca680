import type { KnowledgeBase } from '../index/knowledge-base.js';
import type { Lang } from '../text/language.js';
import { td } from './document-strings.js';
import { sectionLabel } from './strings.js';

/** Section "0" of a document whose corpus.json entry says its preamble is a news article about another document. */
export function isNewsPreamble(kb: KnowledgeBase, docId: string, sectionId: string): boolean {
  return sectionId === '0' && kb.documentMeta(docId)?.preamble?.kind === 'news';
}

/** Citations name their document only when there is more than one to tell apart. */
export function hasSeveralDocuments(kb: KnowledgeBase): boolean {
  return kb.corpus.documents.length > 1;
}

/** The document's title as shown to a reader of `lang` (the English title for English and other askers). */
export function documentName(kb: KnowledgeBase, docId: string, lang: Lang): string {
  const meta = kb.documentMeta(docId);
  if (!meta) return docId;
  return (lang === 'en' || lang === 'other') && meta.titleEn ? meta.titleEn : meta.title;
}

/** The short name users type for a document: its alias, else its id. */
export function documentRef(kb: KnowledgeBase, docId: string): string {
  return kb.documentMeta(docId)?.alias ?? docId;
}

/** What to type to open a section: `4.2.3` in the main document, `minutes:1.2` in another. */
export function sectionRef(kb: KnowledgeBase, docId: string, sectionId: string): string {
  return docId === kb.primaryDocId ? sectionId : `${documentRef(kb, docId)}:${sectionId}`;
}

/** What a news preamble is about, from corpus.json, in the reader's language. */
export function newsAbout(kb: KnowledgeBase, docId: string, lang: Lang): string | undefined {
  const about = kb.documentMeta(docId)?.preamble?.about;
  if (!about) return undefined;
  return lang === 'zh-Hant' || lang === 'zh-Hans' ? about[lang] : about.en;
}

/**
 * A section's display label: '§4.2.3 貿易投資便利化'; a news preamble as the news
 * article it is; prefixed with the document's name when the corpus holds several.
 */
export function documentSectionLabel(kb: KnowledgeBase, docId: string, sectionId: string, title: string, lang: Lang): string {
  const own = isNewsPreamble(kb, docId, sectionId) ? td('newsArticle', lang) : sectionLabel(sectionId, title, lang);
  if (!hasSeveralDocuments(kb)) return own;
  const name = documentName(kb, docId, lang);
  return lang === 'zh-Hant' || lang === 'zh-Hans' ? `《${name}》${own}` : `${name}, ${own}`;
}

/** How a news preamble is titled for a language model, so it never presents the article as the plan. */
export function newsPreambleTitleForModel(kb: KnowledgeBase, docId: string): string {
  const about = newsAbout(kb, docId, 'en');
  return `News article published with the plan${about ? ` (about ${about})` : ''}; not part of the plan itself: attribute its statements to the news article`;
}

/** The heading of a section shown whole (/section): its label, and for a news preamble the document the article is about. */
export function sectionHeading(kb: KnowledgeBase, docId: string, sectionId: string, title: string, lang: Lang): string {
  const about = isNewsPreamble(kb, docId, sectionId) ? newsAbout(kb, docId, lang) : undefined;
  if (!about) return documentSectionLabel(kb, docId, sectionId, title, lang);
  const own = td('newsArticleAbout', lang, { about });
  if (!hasSeveralDocuments(kb)) return own;
  const name = documentName(kb, docId, lang);
  return lang === 'zh-Hant' || lang === 'zh-Hans' ? `《${name}》${own}` : `${name}, ${own}`;
}
