import type { Logger } from 'pino';
import { scrubSecrets } from '../../engine/text/secrets.js';
import type { SlackMessage } from './message.js';
import { DraftThrottle } from '../shared/draft-throttle.js';

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
  private readonly throttle: DraftThrottle;

  constructor(
    private readonly io: DraftIo,
    private readonly render: (partialText: string) => SlackMessage,
    intervalMs: number,
    private readonly log: Logger,
    now?: () => number,
  ) {
    this.throttle = new DraftThrottle((text) => this.send(text), intervalMs, now);
  }

  /** True once a draft message exists in Slack. */
  get posted(): boolean {
    return this.ts !== undefined;
  }

  /** The reply so far (the whole text, not a delta). */
  push(partialText: string): void {
    this.throttle.push(partialText);
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
  close(): Promise<void> {
    return this.throttle.close();
  }

  private async send(text: string): Promise<void> {
    try {
      if (this.ts) {
        await this.io.update(this.ts, this.render(text));
      } else {
        const posted = await this.io.post(this.render(text));
        this.ts = posted.ts;
      }
    } catch (err) {
      this.log.warn({ err: scrubSecrets(err instanceof Error ? err.message : String(err)) }, 'could not update the streamed draft');
      throw err;
    }
  }
}
