import type { KnowledgeSource } from './knowledge-source.js';
import type { KnowledgeBase } from './knowledge-base.js';

/**
 * Holds the index version in service. Swapping is a single reference assignment:
 * a question that already took `current()` finishes on the version it started with.
 */
export class IndexHolder implements KnowledgeSource {
  private listeners: ((kb: KnowledgeBase) => void)[] = [];

  constructor(private kb: KnowledgeBase) {}

  current(): KnowledgeBase {
    return this.kb;
  }

  swap(next: KnowledgeBase): KnowledgeBase {
    const previous = this.kb;
    this.kb = next;
    for (const listener of this.listeners) listener(next);
    return previous;
  }

  onSwap(listener: (kb: KnowledgeBase) => void): void {
    this.listeners.push(listener);
  }
}
