import type { KnowledgeBase } from '../index/knowledge-base.js';
import { toHalfWidth } from '../text/normalize.js';

/**
 * Sections of any document named as `minutes:1.2` (document id or alias from corpus.json,
 * a colon, a section number), in the order they appear; only ones that exist.
 */
export function findDocumentSectionReferences(question: string, kb: KnowledgeBase): { docId: string; sectionId: string }[] {
  const found: { docId: string; sectionId: string }[] = [];
  for (const m of toHalfWidth(question).matchAll(/(?<![\w.-])([A-Za-z][\w.-]*)\s*[:：]\s*§?\s*(\d{1,3}(?:\.\d{1,3})*)(?![\d.]*\d)/g)) {
    const wanted = m[1]!.toLowerCase();
    const doc = kb.corpus.documents.find((d) => d.meta.id.toLowerCase() === wanted || d.meta.alias?.toLowerCase() === wanted);
    const sectionId = m[2]!.split('.').map((n) => String(Number(n))).join('.');
    if (doc && kb.section(sectionId, doc.meta.id) && !found.some((f) => f.docId === doc.meta.id && f.sectionId === sectionId)) found.push({ docId: doc.meta.id, sectionId });
  }
  return found;
}
