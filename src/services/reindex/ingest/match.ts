import path from 'node:path';
import type { CorpusMeta, DocumentMeta } from '../../../engine/corpus/metadata.js';
import type { Section } from '../../../engine/corpus/types.js';
import { toSimplified } from '../../../engine/text/normalize.js';

export type MatchReason = 'explicit' | 'id' | 'filename' | 'title' | 'content' | 'new';

export interface DocumentMatch {
  /** The corpus document this upload is a new version of; undefined for a new document. */
  docId?: string;
  by: MatchReason;
  /** Human-readable why, completing "matched by …": 'its file name (plan.docx)', 'its content (92% of the numbered sections match)'. */
  detail: string;
}

/** Section trees of the documents in service, to recognise an updated plan by its content. */
export type SectionsOf = (docId: string) => readonly Section[];

/**
 * Which corpus document an uploaded file updates. In order: the admin's explicit
 * choice; the file name (document id or its file's name, ignoring copy suffixes
 * like "(1)" or "-v2"); the document title near the top of the text; finally the
 * content itself: most of the document's numbered sections present with similar
 * text. Nothing matching means a new document.
 */
export function matchDocument(
  upload: { filename: string; text: string; sections: readonly Section[] },
  meta: CorpusMeta,
  sectionsOf: SectionsOf,
  target?: string,
): DocumentMatch {
  if (target === 'new') return { by: 'new', detail: 'added as a new document, as asked' };
  if (target) {
    const doc = meta.documents.find((d) => d.id === target);
    if (!doc) throw new Error(`There is no document "${target}" in corpus.json (documents: ${meta.documents.map((d) => d.id).join(', ')}).`);
    return { docId: doc.id, by: 'explicit', detail: `document ${doc.id}, as asked` };
  }

  const stem = key(path.basename(upload.filename, path.extname(upload.filename)).replace(/\s*\(\d+\)$/, ''));
  for (const doc of meta.documents) {
    const id = key(doc.id);
    const fileStem = key(path.basename(doc.file).replace(/(\.[\w-]+)+$/, ''));
    if (stem && (stem === id || stem === fileStem)) return { docId: doc.id, by: 'filename', detail: `its file name (${upload.filename})` };
    if (stem && id.length >= 6 && stem.startsWith(id)) return { docId: doc.id, by: 'id', detail: `its file name (${upload.filename} starts with the document id)` };
  }

  const head = upload.text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 5).map(key).join('\n');
  for (const doc of meta.documents) {
    const titles = [doc.title, doc.titleEn].filter((t): t is string => Boolean(t)).map(key).filter((t) => t.length >= 4);
    if (titles.some((t) => head.includes(t) || stem.includes(t))) return { docId: doc.id, by: 'title', detail: `its title "${doc.title}"` };
  }

  let best: { doc: DocumentMeta; share: number } | undefined;
  for (const doc of meta.documents) {
    const share = sectionOverlap(sectionsOf(doc.id), upload.sections);
    if (share >= 0.5 && (!best || share > best.share)) best = { doc, share };
  }
  if (best) return { docId: best.doc.id, by: 'content', detail: `its content (${Math.round(best.share * 100)}% of the numbered sections match)` };
  return { by: 'new', detail: 'no existing document matches its name, title or content' };
}

/** Lower-case, simplified, letters and digits only: compares names and titles across scripts and punctuation. */
function key(text: string): string {
  return toSimplified(text).toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Share of the old numbered sections that the new text has under the same number with similar wording. */
function sectionOverlap(old: readonly Section[], next: readonly Section[]): number {
  const numbered = old.filter((s) => /^\d+(\.\d+)*$/.test(s.id) && s.id !== '0');
  if (numbered.length === 0) return 0;
  const byId = new Map(next.map((s) => [s.id, s]));
  const similar = numbered.filter((s) => {
    const n = byId.get(s.id);
    return n !== undefined && dice(s.text, n.text) >= 0.5;
  });
  return similar.length / numbered.length;
}

function dice(a: string, b: string): number {
  const grams = (t: string) => {
    const chars = [...t.replace(/\s+/g, '')];
    const m = new Map<string, number>();
    for (let i = 0; i + 1 < chars.length; i++) m.set(chars[i]! + chars[i + 1]!, (m.get(chars[i]! + chars[i + 1]!) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of ga) {
    shared += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? (a.trim() === b.trim() ? 1 : 0) : (2 * shared) / total;
}
