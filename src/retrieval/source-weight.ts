import type { KnowledgeBase } from '../index/knowledge-base.js';

/**
 * A news preamble (corpus.json `preamble.kind: "news"`) reports on another document in
 * broad strokes; it shares the plan's vocabulary without being the plan. Its fused
 * score counts for this share, so a plan section that answers the question as well
 * ranks first, while the preamble still answers what only it holds (who chaired the meeting).
 */
export const NEWS_PREAMBLE_WEIGHT = 0.7;

/** How much a section's retrieval score counts: 1, or less for a news preamble. */
export function sourceWeight(kb: KnowledgeBase, docId: string, sectionId: string): number {
  return sectionId === '0' && kb.documentMeta(docId)?.preamble?.kind === 'news' ? NEWS_PREAMBLE_WEIGHT : 1;
}
