import type { Platform } from '../access/actor.js';
import { toHalfWidth, toSimplified } from '../../engine/text/normalize.js';
import type { ReplyLang } from '../../engine/text/i18n.js';

/** The stages a plan item can be in, in the order progress bars and overviews show them. */
export const STATUS_VALUES = ['not_started', 'planned', 'in_progress', 'done', 'blocked'] as const;
export type ItemStatus = (typeof STATUS_VALUES)[number];

const STATUS_LABELS: Record<ItemStatus, Record<ReplyLang, string>> = {
  not_started: { 'zh-Hant': '未開始', 'zh-Hans': '未开始', en: 'not started' },
  planned: { 'zh-Hant': '已規劃', 'zh-Hans': '已规划', en: 'planned' },
  in_progress: { 'zh-Hant': '進行中', 'zh-Hans': '进行中', en: 'in progress' },
  done: { 'zh-Hant': '已完成', 'zh-Hans': '已完成', en: 'done' },
  blocked: { 'zh-Hant': '受阻', 'zh-Hans': '受阻', en: 'blocked' },
};

/** Other words admins naturally type for each status (compared after folding to traditional, lower case). */
const SYNONYMS: Record<ItemStatus, string[]> = {
  not_started: ['notstarted', 'not started', 'not-started', 'todo', 'to do', '未開始', '尚未開始', '未啟動', '未啓動'],
  planned: ['plan', 'planned', 'scheduled', '規劃', '已規劃', '規劃中', '計劃中', '計畫中', '已計劃', '已計畫', '已安排'],
  in_progress: ['in progress', 'in-progress', 'inprogress', 'ongoing', 'started', 'wip', '進行中', '推進中', '實施中', '執行中', '已啟動', '進行'],
  done: ['done', 'complete', 'completed', 'finished', '完成', '已完成', '已落實', '完成了'],
  blocked: ['blocked', 'stalled', 'on hold', 'on-hold', '受阻', '阻塞', '停滯', '暫停', '擱置', '卡住'],
};

const LOOKUP = new Map<string, ItemStatus>();
for (const status of STATUS_VALUES) {
  for (const word of [status, ...Object.values(STATUS_LABELS[status]), ...SYNONYMS[status]]) LOOKUP.set(foldStatusWord(word), status);
}

function foldStatusWord(word: string): string {
  return toSimplified(toHalfWidth(word)).trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

/** 'in_progress', 'in progress', '進行中', '进行中', 'Done' → the status value; anything else → undefined. */
export function parseStatus(input: string): ItemStatus | undefined {
  return LOOKUP.get(foldStatusWord(input));
}

export function statusLabel(status: ItemStatus, lang: ReplyLang): string {
  return STATUS_LABELS[status][lang];
}

/** "not_started (未開始), planned (已規劃), …" — what error messages list as valid values. */
export function validStatusList(lang: ReplyLang): string {
  return STATUS_VALUES.map((s) => (lang === 'en' ? s : `${s} (${STATUS_LABELS[s][lang]})`)).join(', ');
}

/** Who made a change, as the front end identified them. */
export interface UpdatedBy {
  platform: Platform;
  userId: string;
  displayName: string;
}

/** The current state of one tracked plan item. */
export interface StatusRecord {
  sectionId: string;
  status: ItemStatus;
  /** Lead agency; '' when none is recorded. */
  owner: string;
  /** YYYY-MM-DD, or undefined. */
  dueDate?: string;
  note: string;
  updatedBy: UpdatedBy;
  /** ISO-8601 UTC. */
  updatedAt: string;
  /** Title when last updated (shown if the section is no longer in the index). */
  sectionTitle: string;
  /** Set while the section is missing from the index in service. */
  missingSince?: string;
}

/** One row of an item's history: the state after the change, and the status before it. */
export interface StatusChange extends Omit<StatusRecord, 'sectionTitle' | 'missingSince'> {
  id: number;
  previousStatus?: ItemStatus;
  source: 'command' | 'import';
}

/**
 * An update as requested. Fields left undefined keep their current value;
 * owner/note '' and dueDate null clear them.
 */
export interface StatusUpdate {
  sectionId: string;
  status?: ItemStatus;
  owner?: string;
  dueDate?: string | null;
  note?: string;
}
