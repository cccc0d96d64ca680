import { LRUCache } from 'lru-cache';
import type { Exchange } from '../../services/desk/follow-up.js';


/**
 * What the bot remembers about its recent replies, per chat. Telegram gives the
 * bot its own reply text inside reply_to_message, not the question behind it,
 * hence the bot keeps message → question itself (in memory: a restart forgets).
 */
export class ConversationMemory {
  /** `${chatId}:${botMessageId}` → the exchange it answered. */
  private readonly exchanges: LRUCache<string, Exchange>;
  /** `${chatId}:${userMessageId}` → ids of the bot messages that answered it (to edit them when the question is edited). */
  private readonly replies: LRUCache<string, number[]>;

  constructor(capacity = 10_000) {
    this.exchanges = new LRUCache({ max: capacity });
    this.replies = new LRUCache({ max: capacity });
  }

  rememberAnswer(chatId: number, botMessageIds: readonly number[], exchange: Exchange | undefined): void {
    if (!exchange) return;
    for (const id of botMessageIds) this.exchanges.set(`${chatId}:${id}`, exchange);
  }

  exchangeFor(chatId: number, botMessageId: number): Exchange | undefined {
    return this.exchanges.get(`${chatId}:${botMessageId}`);
  }

  rememberReplies(chatId: number, userMessageId: number, botMessageIds: readonly number[]): void {
    this.replies.set(`${chatId}:${userMessageId}`, [...botMessageIds]);
  }

  repliesTo(chatId: number, userMessageId: number): number[] | undefined {
    return this.replies.get(`${chatId}:${userMessageId}`);
  }
}
