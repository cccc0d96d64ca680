import type { ReplyLang } from '../../engine/text/i18n.js';
import { sectionLabel } from '../../engine/answer/strings.js';
import type { KnowledgeBase } from '../../engine/index/knowledge-base.js';
import { STATUS_VALUES, type ItemStatus, type StatusRecord } from './model.js';

/** What a status card shows about one plan item (the data; rendering is separate). */
export interface StatusCard {
  sectionId: string;
  /** '§4.2.12 水資源合作' */
  label: string;
  title: string;
  /** Undefined: no status recorded yet. */
  record?: StatusRecord;
  /** Changes before the current one. */
  earlierChanges: number;
  /** The section is not in the index in service (its record is kept). */
  missing: boolean;
  /** For a chapter or section with parts: statuses of the parts below it. */
  subItems?: StatusCounts;
}

export type StatusCounts = Record<ItemStatus, number> & { untracked: number; total: number };

interface ChapterProgress {
  sectionId: string;
  label: string;
  counts: StatusCounts;
  /** Share of items done, 0–100. */
  percentDone: number;
}

export interface StatusOverview {
  chapters: ChapterProgress[];
  totals: StatusCounts;
  /** Records whose sections are no longer in the plan. */
  missing: number;
  tracked: number;
}

export function emptyCounts(): StatusCounts {
  return { ...(Object.fromEntries(STATUS_VALUES.map((s) => [s, 0])) as Record<ItemStatus, number>), untracked: 0, total: 0 };
}

/**
 * The plan items under a section: its parts without parts of their own, plus any
 * heading someone chose to track. A chapter with no parts is one item itself.
 */
export function itemsUnder(kb: KnowledgeBase, rootId: string, tracked: ReadonlySet<string>): string[] {
  const root = kb.section(rootId);
  if (!root) return [];
  const out: string[] = [];
  const walk = (id: string, isRoot: boolean) => {
    const s = kb.section(id);
    if (!s) return;
    if (s.children.length === 0 || (!isRoot && tracked.has(id))) out.push(id);
    for (const c of s.children) walk(c, false);
  };
  walk(rootId, true);
  if (root.children.length > 0 && tracked.has(rootId)) out.unshift(rootId);
  return out;
}

export function countStatuses(ids: readonly string[], records: ReadonlyMap<string, StatusRecord>): StatusCounts {
  const counts = emptyCounts();
  for (const id of ids) {
    const r = records.get(id);
    if (r) counts[r.status]++;
    else counts.untracked++;
    counts.total++;
  }
  return counts;
}

/** Progress by chapter, from the records and the index in service. */
export function buildOverview(kb: KnowledgeBase, records: readonly StatusRecord[], lang: ReplyLang): StatusOverview {
  const byId = new Map(records.map((r) => [r.sectionId, r]));
  const tracked = new Set(byId.keys());
  const chapters: ChapterProgress[] = [];
  const totals = emptyCounts();
  for (const chapter of kb.sections().filter((s) => s.depth === 0)) {
    const items = itemsUnder(kb, chapter.id, tracked);
    // The preamble is not a plan item unless someone tracks it.
    if (chapter.id === '0' && !items.some((id) => tracked.has(id))) continue;
    const counts = countStatuses(items, byId);
    for (const key of [...STATUS_VALUES, 'untracked', 'total'] as const) totals[key] += counts[key];
    chapters.push({ sectionId: chapter.id, label: sectionLabel(chapter.id, chapter.title, lang), counts, percentDone: percent(counts.done, counts.total) });
  }
  const missing = records.filter((r) => !kb.section(r.sectionId)).length;
  return { chapters, totals, missing, tracked: records.length };
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}

const BAR_CHARS: Record<ItemStatus | 'untracked', string> = { done: '█', in_progress: '▓', planned: '▒', blocked: '×', not_started: '░', untracked: '░' };
const BAR_ORDER = ['done', 'in_progress', 'planned', 'blocked', 'not_started', 'untracked'] as const;

/**
 * A fixed-width bar, one cell per 1/width of the items: █ done ▓ in progress ▒ planned
 * × blocked ░ the rest. Cells are shared out by largest remainder, so a status with
 * any items gets a cell when there is room, and the bar always has `width` cells.
 */
export function progressBar(counts: StatusCounts, width = 10): string {
  if (counts.total === 0) return BAR_CHARS.untracked.repeat(width);
  const exact = BAR_ORDER.map((k) => (counts[k] / counts.total) * width);
  const cells = exact.map(Math.floor);
  let left = width - cells.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    if (exact[i]! > 0) {
      cells[i]!++;
      left--;
    }
  }
  return BAR_ORDER.map((k, i) => BAR_CHARS[k].repeat(cells[i]!)).join('');
}
