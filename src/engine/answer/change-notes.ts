import { changedInLatest } from '../index/changes.js';
import type { KnowledgeBase } from '../index/knowledge-base.js';
import type { Lang } from '../text/language.js';
import { t } from './strings.js';
import type { AnswerPart, Citation } from './types.js';

/** One note per cited section that the latest plan update added or amended, with the update's date. */
export function changeNotes(kb: KnowledgeBase, citations: readonly Citation[], lang: Lang): AnswerPart[] {
  const notes: AnswerPart[] = [];
  const seen = new Set<string>();
  for (const c of citations) {
    const key = `${c.docId}#${c.sectionId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const change = changedInLatest(kb, c.sectionId, c.docId);
    if (!change) continue;
    notes.push({ type: 'note', text: t(change.kind === 'added' ? 'addedInLatest' : 'changedInLatest', lang, { section: c.label, date: change.changedAt.slice(0, 10) }) });
  }
  return notes;
}
