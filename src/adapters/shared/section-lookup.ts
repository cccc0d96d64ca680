import type { KnowledgeBase } from '../../engine/index/knowledge-base.js';
import { findSectionReferences } from '../../engine/retrieval/section-ref.js';
import { toHalfWidth } from '../../engine/text/normalize.js';

/** A section found by what a user typed: `4.2.3`, `§4.2.3`, `chapter 5`, `minutes:1.2`. */
export type SectionLookup =
  | { found: true; docId: string; sectionId: string; /** The id was not in the document asked for (or the main one) but in this one. */ elsewhere: boolean }
  | { found: false; reason: 'unknownDocument'; document: string }
  | { found: false; reason: 'unknownSection' };

/** The document a user names: its id or its alias from corpus.json, case-insensitive. */
function findDocument(kb: KnowledgeBase, name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  return kb.corpus.documents.find((d) => d.meta.id.toLowerCase() === wanted || d.meta.alias?.toLowerCase() === wanted)?.meta.id;
}

/** Splits `minutes:1.2` (or `minutes：1.2`, `minutes 1.2`) into a document name and the rest, when the name is a document. */
function splitDocument(kb: KnowledgeBase, input: string): { docId?: string; rest: string; named?: string } {
  const m = /^([A-Za-z][\w.-]*)\s*[:：]\s*(.+)$/u.exec(input) ?? /^([A-Za-z][\w.-]*)\s+(\S.*)$/u.exec(input);
  if (!m) return { rest: input };
  const docId = findDocument(kb, m[1]!);
  if (docId) return { docId, rest: m[2]! };
  // "chapter 5", "section 4.2.3" are references, not documents; "foo:1.2" names a document that does not exist.
  return input.includes(':') || input.includes('：') ? { rest: m[2]!, named: m[1]! } : { rest: input };
}

function idIn(kb: KnowledgeBase, docId: string, text: string): string | undefined {
  const direct = toHalfWidth(text).trim().replace(/^§\s*/, '').replace(/[.。]$/, '');
  if (kb.section(direct, docId)) return direct;
  return findSectionReferences(text, (id) => kb.section(id, docId) !== undefined)[0];
}

/**
 * Resolves a section reference across documents. With a document named, only that
 * document is searched; without one, the main document first, then the others
 * (found there, the answer says so).
 */
export function lookupSection(kb: KnowledgeBase, input: string): SectionLookup {
  const { docId, rest, named } = splitDocument(kb, toHalfWidth(input).trim());
  if (named) return { found: false, reason: 'unknownDocument', document: named };
  if (docId) {
    const id = idIn(kb, docId, rest);
    if (id) return { found: true, docId, sectionId: id, elsewhere: false };
    for (const other of kb.corpus.documents) {
      const otherId = other.meta.id === docId ? undefined : idIn(kb, other.meta.id, rest);
      if (otherId) return { found: true, docId: other.meta.id, sectionId: otherId, elsewhere: true };
    }
    return { found: false, reason: 'unknownSection' };
  }
  const primary = kb.primaryDocId;
  const id = idIn(kb, primary, rest);
  if (id) return { found: true, docId: primary, sectionId: id, elsewhere: false };
  for (const other of kb.corpus.documents) {
    if (other.meta.id === primary) continue;
    const otherId = idIn(kb, other.meta.id, rest);
    if (otherId) return { found: true, docId: other.meta.id, sectionId: otherId, elsewhere: true };
  }
  return { found: false, reason: 'unknownSection' };
}
