import type { Exchange } from '../../services/desk/follow-up.js';
import { LRUCache } from 'lru-cache';

/**
 * What the bot last answered in each conversation (a channel thread, or a DM),
 * so a follow-up ("and who pays for it?") is read in the light of the question
 * before it. What is kept is the desk's follow-up policy's to say (services/desk/follow-up.ts);
 * this only maps a conversation to it. In memory and bounded: after a restart follow-ups start fresh.
 */
export class ConversationMemory {
  private readonly map: LRUCache<string, Exchange>;

  constructor(maxConversations = 5000, ttlMs = 24 * 60 * 60 * 1000) {
    this.map = new LRUCache({ max: maxConversations, ttl: ttlMs });
  }

  /** Key of a thread (`C123:1700000000.000100`) or of a DM conversation without a thread (`D123`). */
  static key(channel: string, threadTs?: string): string {
    return threadTs ? `${channel}:${threadTs}` : channel;
  }

  /** Keeps `exchange` for the conversation; with none (an answer about nothing) the earlier one stays. */
  remember(key: string, exchange: Exchange | undefined): void {
    if (exchange) this.map.set(key, exchange);
  }

  recall(key: string): Exchange | undefined {
    return this.map.get(key);
  }

  knows(key: string): boolean {
    return this.map.has(key);
  }
}
