import { sourceStamp } from '../../engine/answer/translation.js';
import type { LoadedCorpus } from '../../engine/corpus/load.js';
import type { SectionChange } from '../../engine/index/changes.js';

/**
 * Translations are aligned by section id. A translated section without a
 * source stamp was made from the text in service; when that text changes, it is
 * stamped with the old text's hash so it reads as outdated from now on.
 */
export function stampOutdatedTranslations(corpus: LoadedCorpus, changes: readonly SectionChange[]): { files: Map<string, string>; notes: string[] } {
  const files = new Map<string, string>();
  const notes: string[] = [];
  for (const doc of corpus.documents) {
    const changed = new Map(changes.filter((c) => c.docId === doc.meta.id && c.kind === 'changed').map((c) => [c.sectionId, c.before ?? '']));
    const added = changes.filter((c) => c.docId === doc.meta.id && c.kind === 'added').map((c) => `§${c.sectionId}`);
    for (const tMeta of doc.meta.translations) {
      const raw = corpus.sources?.[tMeta.file];
      if (!raw) continue;
      const json = JSON.parse(raw) as { sections?: { id: string; sourceHash?: string }[] };
      const stamped: string[] = [];
      for (const section of json.sections ?? []) {
        const before = changed.get(section.id);
        if (before !== undefined && section.sourceHash === undefined) {
          section.sourceHash = sourceStamp(before);
          stamped.push(`§${section.id}`);
        }
      }
      if (stamped.length > 0) {
        files.set(tMeta.file, `${JSON.stringify(json, null, 2)}\n`);
        notes.push(`The ${tMeta.language} translation of ${list(stamped)} was made for the earlier text; it is marked outdated, so those sections are quoted in Chinese until ${tMeta.file} is updated.`);
      }
      if (added.length > 0) notes.push(`The new ${list(added)} ${added.length === 1 ? 'has' : 'have'} no ${tMeta.language} translation yet.`);
    }
  }
  return { files, notes };
}

function list(items: readonly string[]): string {
  return items.length <= 5 ? items.join(', ') : `${items.slice(0, 5).join(', ')} and ${items.length - 5} more`;
}
