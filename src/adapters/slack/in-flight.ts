/**
 * Answers being worked on, so shutdown can let them finish (the event was
 * already acknowledged: Slack will not send it again) instead of dropping them.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  async track<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    this.running.add(promise);
    try {
      return await promise;
    } finally {
      this.running.delete(promise);
    }
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves when everything in flight has settled, or after `timeoutMs`, whichever comes first. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([Promise.allSettled([...this.running]).then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
