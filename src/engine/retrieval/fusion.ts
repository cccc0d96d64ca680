/** Reciprocal rank fusion constant: 60 is the value from Cormack et al. and works without tuning. */
const RRF_K = 60;

/**
 * Reciprocal rank fusion: each ranking contributes weight / (k + rank) to every
 * key it ranks. Rankings need no common score scale, which is why BM25 scores and
 * cosine similarities can be combined at all.
 */
export function reciprocalRankFusion(rankings: readonly { keys: readonly string[]; weight?: number }[], k = RRF_K): Map<string, number> {
  const fused = new Map<string, number>();
  for (const { keys, weight = 1 } of rankings) {
    keys.forEach((key, rank) => fused.set(key, (fused.get(key) ?? 0) + weight / (k + rank + 1)));
  }
  return fused;
}
