import { describe, expect, it } from 'vitest';
import { InFlight } from '../../../src/adapters/shared/in-flight.js';

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('answers in flight at shutdown (Telegram and Slack)', () => {
  it('waits for every answer, including one started while draining', async () => {
    const inFlight = new InFlight();
    const done: string[] = [];
    void inFlight.track(later(20).then(() => done.push('first')));
    const drained = inFlight.drain();
    void inFlight.track(later(40).then(() => done.push('second')));
    expect(await drained).toBe(true);
    expect(done).toEqual(['first', 'second']);
    expect(inFlight.size).toBe(0);
  });

  it('gives up after the deadline and says so, leaving the slow answer tracked', async () => {
    const inFlight = new InFlight();
    void inFlight.track(later(200));
    expect(await inFlight.drain(20)).toBe(false);
    expect(inFlight.size).toBe(1);
  });

  it('a failed answer does not stop the drain', async () => {
    const inFlight = new InFlight();
    inFlight.track(Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(await inFlight.drain(1000)).toBe(true);
  });
});
