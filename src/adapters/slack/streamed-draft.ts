import type { Logger } from 'pino';
import { scrubSecrets } from '../../engine/text/secrets.js';
import type { SlackMessage } from './message.js';

/** How a draft reaches Slack: post it once, then edit it in place. */
export interface DraftIo {
  post(message: SlackMessage): Promise<{ ts?: string }>;
  update(ts: string, message: SlackMessage): Promise<unknown>;
}

/**
 * A reply that grows while a language model writes it: the first text posts a
 * draft message, later text edits it (chat.update) at most once per `intervalMs`,
 * always with the latest text; `finish` puts the final answer (citations,
 * buttons) in its place. Edits never overlap or arrive out of order, and nothing
 * is sent after `finish` or `stop`. A failed draft edit is logged and skipped: the
 * final answer still arrives.
 */
export class StreamedDraft {
  private ts: string | undefined;
  private latest = '';
  private shown = '';
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  /** Draft sends, one after another. */
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly io: DraftIo,
    private readonly render: (partialText: string) => SlackMessage,
    private readonly intervalMs: number,
    private readonly log: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True once a draft message exists in Slack. */
  get posted(): boolean {
    return this.ts !== undefined;
  }

  /** The reply so far (the whole text, not a delta). */
  push(partialText: string): void {
    if (this.closed) return;
    this.latest = partialText;
    if (this.timer) return; // an edit is already scheduled: it will send the latest text
    const wait = Math.max(0, this.lastSentAt + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.chain = this.chain.then(() => this.send());
    }, wait);
  }

  /** Replaces the draft with the final messages (or posts them when no draft was shown). */
  async finish(messages: readonly SlackMessage[]): Promise<void> {
    await this.close();
    const [first, ...rest] = messages;
    if (this.ts && first) {
      await this.io.update(this.ts, first);
    } else if (first) {
      await this.io.post(first);
    }
    for (const m of rest) await this.io.post(m);
  }

  /** Replaces the draft with a single message (e.g. an apology); false when there is no draft. */
  async replace(message: SlackMessage): Promise<boolean> {
    await this.close();
    if (!this.ts) return false;
    await this.io.update(this.ts, message);
    return true;
  }

  /** Stops sending draft edits; waits for one already under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  private async send(): Promise<void> {
    if (this.closed) return;
    const text = this.latest;
    if (text === this.shown) return;
    this.lastSentAt = this.now();
    try {
      if (this.ts) {
        await this.io.update(this.ts, this.render(text));
      } else {
        const posted = await this.io.post(this.render(text));
        this.ts = posted.ts;
      }
      this.shown = text;
    } catch (err) {
      this.log.warn({ err: scrubSecrets(err instanceof Error ? err.message : String(err)) }, 'could not update the streamed draft');
    }
  }
}
