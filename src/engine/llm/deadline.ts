/** Time after the model's deadline allowed for building the reply before the fallback is sent regardless. */
export const GRACE_MS = 500;

export const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * The work's result, or TIMED_OUT at `deadline` (a performance.now() value),
 * whichever comes first. The hard stop behind "no user waits past the timeout":
 * it holds even if a request ignored its abort signal.
 */
export async function raceUntil<T>(work: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const stop = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, deadline - performance.now()));
  });
  try {
    return await Promise.race([work, stop]);
  } finally {
    clearTimeout(timer);
  }
}
