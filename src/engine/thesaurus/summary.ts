import { labelsOf } from './types.js';
import type { Thesaurus } from './types.js';

/** What a manifest records about the thesaurus of its version. */
export function thesaurusSummary(thesaurus: Thesaurus): { hash: string; concepts: number; labels: number } {
  return { hash: thesaurus.hash, concepts: thesaurus.concepts.length, labels: thesaurus.concepts.reduce((n, c) => n + labelsOf(c).length, 0) };
}
