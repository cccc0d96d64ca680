import { sectionLabel } from '../../engine/answer/strings.js';
import type { DocumentChange, SectionChange } from '../../engine/index/changes.js';
import { changeExcerpt, diffTexts, renderInlineDiff, type DiffOp } from '../../engine/text/diff.js';

/** One added or removed section in a summary. */
interface SectionBrief {
  docId: string;
  sectionId: string;
  /** '§4.2.15 數字貿易合作' */
  label: string;
  /** The start of its text. */
  excerpt: string;
}

/** One changed section: short before/after excerpts around the first edit. */
interface ChangedBrief {
  docId: string;
  sectionId: string;
  label: string;
  before: string;
  after: string;
}

/** What a re-index would change (dry run) or did change, section by section. */
export interface ChangeSummary {
  added: SectionBrief[];
  removed: SectionBrief[];
  changed: ChangedBrief[];
  /** Sections present in both with the same text. */
  unchanged: number;
  documents: DocumentChange[];
}

/** A section's full diff for /changes. */
export interface SectionDiff {
  docId: string;
  sectionId: string;
  kind: SectionChange['kind'];
  label: string;
  /** Inline diff: unchanged text, [-removed-] and {+added+}. */
  diff: string;
  ops: DiffOp[];
}

const EXCERPT_CHARS = 60;

export function summarize(changes: readonly SectionChange[], documents: readonly DocumentChange[], totalSections: number): ChangeSummary {
  const summary: ChangeSummary = { added: [], removed: [], changed: [], unchanged: 0, documents: [...documents] };
  for (const c of changes) {
    const label = sectionLabel(c.sectionId, c.title);
    if (c.kind === 'changed') {
      const { before, after } = changeExcerpt(diffTexts(c.before ?? '', c.after ?? ''), EXCERPT_CHARS);
      summary.changed.push({ docId: c.docId, sectionId: c.sectionId, label, before, after });
    } else {
      const text = (c.kind === 'added' ? c.after : c.before) ?? '';
      summary[c.kind].push({ docId: c.docId, sectionId: c.sectionId, label, excerpt: excerpt(text) });
    }
  }
  summary.unchanged = Math.max(0, totalSections - summary.added.length - summary.changed.length);
  return summary;
}

export function sectionDiff(c: SectionChange): SectionDiff {
  const ops = diffTexts(c.before ?? '', c.after ?? '');
  return { docId: c.docId, sectionId: c.sectionId, kind: c.kind, label: sectionLabel(c.sectionId, c.title), diff: renderInlineDiff(ops), ops };
}

export function isEmptySummary(summary: ChangeSummary): boolean {
  return summary.added.length + summary.removed.length + summary.changed.length === 0;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= EXCERPT_CHARS ? flat : `${chars.slice(0, EXCERPT_CHARS - 1).join('')}…`;
}
