/** A Map that forgets its least recently used entries beyond `capacity`, so memory stays bounded. */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  get size(): number {
    return this.map.size;
  }
}

/** What a bot answer was about, for a follow-up that replies to it. */
export interface Exchange {
  question: string;
  citations: string[];
}

/**
 * What the bot remembers about its recent replies, per chat. Telegram gives the
 * bot its own reply text inside reply_to_message, not the question behind it,
 * hence the bot keeps message → question itself (in memory: a restart forgets).
 */
export class ConversationMemory {
  /** `${chatId}:${botMessageId}` → the exchange it answered. */
  private readonly exchanges: LruMap<string, Exchange>;
  /** `${chatId}:${userMessageId}` → ids of the bot messages that answered it (to edit them when the question is edited). */
  private readonly replies: LruMap<string, number[]>;

  constructor(capacity = 10_000) {
    this.exchanges = new LruMap(capacity);
    this.replies = new LruMap(capacity);
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
