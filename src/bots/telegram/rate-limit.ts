/** What to do with a request: serve it, tell the user to slow down (once per window), or drop it silently. */
export type RateDecision = { ok: true } | { ok: false; notify: boolean; retryInSeconds: number };

/**
 * Sliding-window limit per key (a user id): at most `limit` requests in any
 * `windowMs`. Past the limit the first request gets a notice and the rest are
 * dropped quietly, so a flood never turns into a flood of notices.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { times: number[]; notified: boolean }>();
  private calls = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    if (this.limit <= 0) return { ok: true };
    const now = this.now();
    if (++this.calls % 1000 === 0) this.sweep(now);
    let entry = this.hits.get(key);
    if (!entry) {
      entry = { times: [], notified: false };
      this.hits.set(key, entry);
    }
    while (entry.times.length > 0 && entry.times[0]! <= now - this.windowMs) entry.times.shift();
    if (entry.times.length < this.limit) {
      entry.times.push(now);
      entry.notified = false;
      return { ok: true };
    }
    const retryInSeconds = Math.max(1, Math.ceil((entry.times[0]! + this.windowMs - now) / 1000));
    const notify = !entry.notified;
    entry.notified = true;
    return { ok: false, notify, retryInSeconds };
  }

  /** Forgets users with no request in the window, so the map does not grow with every user ever seen. */
  private sweep(now: number): void {
    for (const [key, entry] of this.hits) {
      const last = entry.times[entry.times.length - 1];
      if (last === undefined || last <= now - this.windowMs) this.hits.delete(key);
    }
  }
}
