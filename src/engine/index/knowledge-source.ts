import type { KnowledgeBase } from './knowledge-base.js';

/** Where the assistant gets the index in service; a re-index swaps what `current()` returns. */
export interface KnowledgeSource {
  current(): KnowledgeBase;
}
