import type { IndexHolder } from '../index/holder.js';
import { openKnowledgeBase } from '../index/knowledge-base.js';

export interface ReloadResult {
  previous: string;
  current: string;
  changed: boolean;
  sections: number;
}

/**
 * Re-opens the index named by CURRENT (e.g. after `npm run index` in another
 * process) with the embedder in service and swaps it in. Questions in flight
 * finish on the version they started with; a failure leaves the old one serving.
 */
export async function reloadIndex(holder: IndexHolder, indexesDir: string): Promise<ReloadResult> {
  const previous = holder.current();
  const next = await openKnowledgeBase({ indexesDir, embedder: previous.embedder });
  const changed = next.version !== previous.version;
  if (changed) holder.swap(next);
  return { previous: previous.version, current: next.version, changed, sections: next.manifest.sections };
}
