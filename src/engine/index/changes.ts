import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Section } from '../corpus/types.js';
import type { StoredCorpus } from './version-files.js';

/**
 * What one index version changed relative to the version that was current when
 * it was built (its base), section by section. Written once at build time as
 * changes.json, so "what changed" and "this section changed on …" cost nothing
 * at answer time, and survive the base version being pruned.
 */
export const CHANGES_FILE = 'changes.json';

const SectionChangeSchema = z.object({
  docId: z.string(),
  sectionId: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  title: z.string(),
  /** Section text in the base version (removed, changed). */
  before: z.string().optional(),
  /** Section text in this version (added, changed). */
  after: z.string().optional(),
});

const DocumentChangeSchema = z.object({
  docId: z.string(),
  title: z.string(),
  status: z.enum(['added', 'removed', 'updated', 'unchanged']),
});

export const VersionChangesSchema = z.object({
  format: z.literal(1),
  version: z.string(),
  createdAt: z.string(),
  /** The version this one was compared with; absent for a first build. */
  base: z.string().optional(),
  baseCreatedAt: z.string().optional(),
  documents: z.array(DocumentChangeSchema),
  sections: z.array(SectionChangeSchema),
});

export type SectionChange = z.infer<typeof SectionChangeSchema>;
export type DocumentChange = z.infer<typeof DocumentChangeSchema>;
export type VersionChanges = z.infer<typeof VersionChangesSchema>;
export type ChangeCounts = { added: number; removed: number; changed: number };

/** Whitespace and line breaks are layout, not content: re-wrapping a paragraph is not a change. */
export function comparableText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Section-level differences between two stored corpora, documents matched by id and sections by number. */
export function compareCorpora(before: StoredCorpus | undefined, after: StoredCorpus): { documents: DocumentChange[]; sections: SectionChange[] } {
  const documents: DocumentChange[] = [];
  const sections: SectionChange[] = [];
  const oldDocs = new Map((before?.documents ?? []).map((d) => [d.meta.id, d]));
  for (const doc of after.documents) {
    const old = oldDocs.get(doc.meta.id);
    oldDocs.delete(doc.meta.id);
    if (!before) {
      documents.push({ docId: doc.meta.id, title: doc.meta.title, status: 'unchanged' });
      continue;
    }
    const diff = compareSections(doc.meta.id, old?.parsed.sections ?? [], doc.parsed.sections);
    sections.push(...diff);
    documents.push({ docId: doc.meta.id, title: doc.meta.title, status: !old ? 'added' : diff.length > 0 ? 'updated' : 'unchanged' });
  }
  for (const old of oldDocs.values()) {
    documents.push({ docId: old.meta.id, title: old.meta.title, status: 'removed' });
    sections.push(...compareSections(old.meta.id, old.parsed.sections, []));
  }
  return { documents, sections };
}

/** Added, removed and changed sections of one document, in document order (removed ones where they stood). */
function compareSections(docId: string, before: readonly Section[], after: readonly Section[]): SectionChange[] {
  const oldById = new Map(before.map((s) => [s.id, s]));
  const newIds = new Set(after.map((s) => s.id));
  const changes: SectionChange[] = [];
  for (const s of after) {
    const old = oldById.get(s.id);
    if (!old) changes.push({ docId, sectionId: s.id, kind: 'added', title: s.title, after: s.text });
    else if (comparableText(old.text) !== comparableText(s.text)) changes.push({ docId, sectionId: s.id, kind: 'changed', title: s.title, before: old.text, after: s.text });
  }
  const removed = before.filter((s) => !newIds.has(s.id)).map((s): SectionChange => ({ docId, sectionId: s.id, kind: 'removed', title: s.title, before: s.text }));
  // Put each removed section after the change that precedes it in the old order, so lists read top to bottom.
  const order = new Map<string, number>();
  before.forEach((s, i) => order.set(s.id, i));
  after.forEach((s, i) => {
    if (!order.has(s.id)) order.set(s.id, (order.get(after[i - 1]?.id ?? '') ?? -1) + 0.001);
  });
  return [...changes, ...removed].sort((x, y) => (order.get(x.sectionId) ?? 0) - (order.get(y.sectionId) ?? 0));
}

export function countChanges(sections: readonly SectionChange[]): ChangeCounts {
  return {
    added: sections.filter((s) => s.kind === 'added').length,
    removed: sections.filter((s) => s.kind === 'removed').length,
    changed: sections.filter((s) => s.kind === 'changed').length,
  };
}

/** Reads a version's changes.json; undefined for versions built before changes were recorded. */
export async function readVersionChanges(versionDir: string): Promise<VersionChanges | undefined> {
  let raw: string;
  try {
    raw = await readFile(path.join(versionDir, CHANGES_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = VersionChangesSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Whether the version in service added or changed a section relative to the
 * version before it, and when (the date the version was built). Front ends
 * and the Assistant use it to tell readers a cited section is new wording.
 */
export function changedInLatest(kb: { readonly changes?: VersionChanges; readonly primaryDocId: string }, sectionId: string, docId = kb.primaryDocId): { changedAt: string; kind: 'added' | 'changed' } | undefined {
  const changes = kb.changes;
  if (!changes?.base) return undefined;
  const hit = changes.sections.find((c) => c.sectionId === sectionId && c.docId === docId && c.kind !== 'removed');
  return hit ? { changedAt: changes.createdAt, kind: hit.kind as 'added' | 'changed' } : undefined;
}
