import { isOutdated } from '../../engine/corpus/stamp.js';
import type { LoadedCorpus } from '../../engine/corpus/load.js';
import type { StoredCorpus } from '../../engine/index/version-files.js';

/** Translated sections that are current today and would be outdated once a change is confirmed. */
export interface OutdatedByChange {
  docId: string;
  language: string;
  /** Where the translation lives, relative to corpus/. */
  file: string;
  sectionIds: string[];
}

/**
 * Compares each translation (as it would be saved, stamps included) with the
 * section texts in service and after the change: a section whose translation
 * matches today's text but not the new one becomes outdated, and answers will
 * quote the Chinese for it until a translator updates it.
 */
export function translationsOutdatedBy(before: StoredCorpus | undefined, after: LoadedCorpus): OutdatedByChange[] {
  const out: OutdatedByChange[] = [];
  for (const doc of after.documents) {
    const old = before?.documents.find((d) => d.meta.id === doc.meta.id);
    if (!old) continue;
    const oldSections = new Map(old.parsed.sections.map((s) => [s.id, s]));
    const newSections = new Map(doc.parsed.sections.map((s) => [s.id, s]));
    for (const translation of doc.translations) {
      const sectionIds = translation.sections
        .filter((t) => {
          const was = oldSections.get(t.id);
          const will = newSections.get(t.id);
          // A removed section leaves an orphan entry, not an outdated one (stamp-translation reports it).
          return was !== undefined && will !== undefined && !isOutdated(t, was) && (isOutdated(t, will) || (t.sourceHash === undefined && was.text !== will.text));
        })
        .map((t) => t.id);
      const file = doc.meta.translations.find((t) => t.language === translation.language)?.file ?? '';
      if (sectionIds.length > 0) out.push({ docId: doc.meta.id, language: translation.language, file, sectionIds });
    }
  }
  return out;
}

/** One warning line per translation, for dry runs. */
export function outdatedWarnings(list: readonly OutdatedByChange[]): string[] {
  return list.map((o) => {
    const ids = o.sectionIds.map((id) => (id === '0' ? 'the preamble' : `§${id}`));
    const shown = ids.length <= 8 ? ids.join(', ') : `${ids.slice(0, 8).join(', ')} and ${ids.length - 8} more`;
    return `Warning: the ${o.language} translation of ${shown} (${o.docId}) would become outdated; answers will quote the Chinese for ${ids.length === 1 ? 'it' : 'them'} until corpus/${o.file} is updated and re-stamped (npm run stamp-translation).`;
  });
}
