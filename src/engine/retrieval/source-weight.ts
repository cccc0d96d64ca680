import type { KnowledgeBase } from '../index/knowledge-base.js';

/**
 * A news preamble (corpus.json `preamble.kind: "news"`) reports on another document in
 * broad strokes; it shares the plan's vocabulary without being the plan. Its fused
 * score counts for this share when a plan section covers the question as well, so
 * that section ranks first.
 */
const NEWS_PREAMBLE_WEIGHT = 0.7;

/**
 * The preamble keeps its full score when its own words (no thesaurus or dictionary bridge)
 * cover nearly all of the question and no other section comes within PREAMBLE_LEAD of
 * it: then only it holds the answer (who chaired the meeting), however well plan sections
 * sharing a few of its words rank. A long article covering part of a question (a city,
 * a river) is not such an answer.
 */
const PREAMBLE_FULL = 0.9;
const PREAMBLE_LEAD = 0.2;

function isNewsPreamble(kb: KnowledgeBase, docId: string, sectionId: string): boolean {
  return sectionId === '0' && kb.documentMeta(docId)?.preamble?.kind === 'news';
}

/** Scores with a news preamble discounted unless it alone answers (see PREAMBLE_FULL); other sections unchanged. */
export function weighSources<T extends { docId: string; section: { id: string }; score: number; coverage: number; directCoverage?: number }>(kb: KnowledgeBase, results: readonly T[]): T[] {
  let bestOther = 0;
  for (const r of results) if (!isNewsPreamble(kb, r.docId, r.section.id)) bestOther = Math.max(bestOther, r.coverage);
  const alone = (r: T) => (r.directCoverage ?? r.coverage) >= PREAMBLE_FULL && (r.directCoverage ?? r.coverage) >= bestOther + PREAMBLE_LEAD;
  return results.map((r) => (isNewsPreamble(kb, r.docId, r.section.id) && !alone(r) ? { ...r, score: r.score * NEWS_PREAMBLE_WEIGHT } : r));
}
