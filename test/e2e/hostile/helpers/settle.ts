/** Resolves once `count()` has not changed for `quietMs` (the bot finished replying), or after `maxMs`. */
export async function settled(count: () => number, quietMs = 700, maxMs = 20_000): Promise<void> {
  const until = Date.now() + maxMs;
  let last = count();
  let since = Date.now();
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    const now = count();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
  }
}
