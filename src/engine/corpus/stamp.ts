import { readFile, rename, writeFile } from 'node:fs/promises';
import { sha256 } from '../text/sha256.js';
import type { Section, SectionTranslation } from './types.js';

/** Stamp of a section's source text, stored on its translation: the text it was translated from. */
export function sourceStamp(text: string): string {
  return sha256(text).slice(0, 16);
}

/** A translated section whose stamp no longer matches its source text must not be presented as current. */
export function isOutdated(translation: SectionTranslation, section: Section): boolean {
  return translation.sourceHash !== undefined && translation.sourceHash !== sourceStamp(section.text);
}

/**
 * current: stamped with today's source text; outdated: the source changed since;
 * unstamped: no stamp yet (trusted, but a translator should review and stamp it);
 * missing: the section has no translation; orphan: a translation of no section.
 */
export type TranslationStatus = 'current' | 'outdated' | 'unstamped' | 'missing' | 'orphan';

export interface SectionStatus {
  id: string;
  status: TranslationStatus;
}

/** Status of every section of a document and every entry of its translation, in document order (orphans last). */
export function translationStatus(sections: readonly Section[], translated: readonly SectionTranslation[]): SectionStatus[] {
  const byId = new Map(translated.map((t) => [t.id, t]));
  const out: SectionStatus[] = sections.map((section) => {
    const t = byId.get(section.id);
    const status: TranslationStatus = !t ? 'missing' : t.sourceHash === undefined ? 'unstamped' : isOutdated(t, section) ? 'outdated' : 'current';
    return { id: section.id, status };
  });
  const known = new Set(sections.map((s) => s.id));
  for (const t of translated) if (!known.has(t.id)) out.push({ id: t.id, status: 'orphan' });
  return out;
}

/**
 * Stamps the named sections of a translation file with the current stamps of
 * their source sections, after a translator reviewed them. Everything else in
 * the file is left as it was. The file is replaced through a rename, so a crash
 * never leaves half a file. Returns the ids stamped.
 */
export async function stampTranslationFile(file: string, sections: readonly Section[], ids: readonly string[] | 'all'): Promise<string[]> {
  const raw = await readFile(file, 'utf8');
  const data = JSON.parse(raw) as { sections?: SectionTranslation[] } & Record<string, unknown>;
  if (!Array.isArray(data.sections)) throw new Error(`${file} has no "sections" list.`);
  const source = new Map(sections.map((s) => [s.id, s]));
  const wanted = ids === 'all' ? data.sections.map((s) => s.id) : [...ids];
  const unknown = wanted.filter((id) => !source.has(id) || !data.sections!.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new Error(`Cannot stamp ${unknown.join(', ')}: ${ids === 'all' ? 'the translation has entries the document does not have' : 'not a translated section of the document'}. Nothing was changed.`);
  }
  const stamped = new Set(wanted);
  data.sections = data.sections.map((s) => (stamped.has(s.id) ? { id: s.id, title: s.title, text: s.text, sourceHash: sourceStamp(source.get(s.id)!.text) } : s));
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`);
  await rename(tmp, file);
  return wanted;
}
