/**
 * The pacing of a reply that grows while a language model writes it, shared by the
 * Telegram and Slack drafts: the latest text is written at most once per `intervalMs`
 * (counted from when the platform answered the previous write), never twice the same,
 * one write at a time and in order, and nothing after `close`. How a write reaches the
 * platform (post, edit) and what a failed one means is the caller's `write`.
 */
export class DraftThrottle {
  private latest: string | undefined;
  private shown: string | undefined;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly write: (text: string) => Promise<void>,
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The text as last written successfully. */
  get written(): string | undefined {
    return this.shown;
  }

  /** The reply so far (the whole text, not a delta). */
  push(text: string): void {
    if (this.closed) return;
    this.latest = text;
    this.schedule();
  }

  /** Stops writing; resolves once a write already under way has finished. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
  }

  /** Waits until one more write would respect the interval (before the final answer replaces the draft). */
  async waitForInterval(): Promise<void> {
    const wait = this.lastWriteAt + this.intervalMs - this.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private schedule(): void {
    if (this.timer || this.writing) return;
    const wait = Math.max(0, this.lastWriteAt + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, wait);
  }

  private run(): void {
    const text = this.latest;
    this.latest = undefined;
    if (text === undefined || this.closed || text === this.shown) return;
    this.writing = this.write(text)
      .then(
        () => void (this.shown = text),
        () => undefined, // the caller's write logs its own failure; the next text tries again
      )
      .finally(() => {
        this.lastWriteAt = this.now();
        this.writing = undefined;
        if (this.latest !== undefined && !this.closed) this.schedule();
      });
  }
}
