import type { ConversationContext } from '../../engine/answer/types.js';
import { LRUCache } from 'lru-cache';

/**
 * What the bot last answered in each conversation (a channel thread, or a DM),
 * so a follow-up ("and who pays for it?") is read in the light of the question
 * before it. In memory and bounded: after a restart follow-ups simply start fresh.
 */
export class ConversationMemory {
  private readonly map: LRUCache<string, Required<ConversationContext>>;

  constructor(maxConversations = 5000, ttlMs = 24 * 60 * 60 * 1000) {
    this.map = new LRUCache({ max: maxConversations, ttl: ttlMs });
  }

  /** Key of a thread (`C123:1700000000.000100`) or of a DM conversation without a thread (`D123`). */
  static key(channel: string, threadTs?: string): string {
    return threadTs ? `${channel}:${threadTs}` : channel;
  }

  remember(key: string, question: string, citations: readonly string[]): void {
    this.map.set(key, { previousQuestion: question, previousCitations: [...citations] });
  }

  recall(key: string): ConversationContext | undefined {
    return this.map.get(key);
  }

  knows(key: string): boolean {
    return this.map.has(key);
  }
}
