/**
 * Answers being worked on, so a shutdown lets them finish instead of dropping them
 * (the update or event was already acknowledged: it will not be sent again).
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(task: Promise<T>): Promise<T> {
    this.running.add(task);
    const forget = () => void this.running.delete(task);
    task.then(forget, forget);
    return task;
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves true when every tracked task (including ones started meanwhile) has settled, false after `timeoutMs`. */
  async drain(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      if (Number.isFinite(timeoutMs)) timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const settled = (async () => {
      while (this.running.size > 0) await Promise.allSettled([...this.running]);
      return true as const;
    })();
    try {
      return await Promise.race([settled, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
