import { describe, expect, it } from 'vitest';
import { DraftThrottle } from '../../../src/adapters/shared/draft-throttle.js';

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('the pace of a streamed draft (Telegram and Slack)', () => {
  it('writes the first text at once, then only the latest text once per interval, never the same twice', async () => {
    const writes: string[] = [];
    const throttle = new DraftThrottle(async (text) => void writes.push(text), 60);
    throttle.push('a');
    await later(10);
    throttle.push('ab');
    throttle.push('abc');
    await later(20);
    expect(writes).toEqual(['a']);
    await later(80);
    expect(writes).toEqual(['a', 'abc']);
    throttle.push('abc');
    await later(100);
    expect(writes).toEqual(['a', 'abc']);
    await throttle.close();
  });

  it('after close nothing more is written, and close waits for a write under way', async () => {
    const writes: string[] = [];
    let finished = false;
    const throttle = new DraftThrottle(async (text) => {
      await later(30);
      writes.push(text);
      finished = true;
    }, 10);
    throttle.push('first');
    await later(5);
    throttle.push('second');
    await throttle.close();
    expect(finished).toBe(true);
    await later(50);
    expect(writes).toEqual(['first']);
  });

  it('a failed write is tried again with the next text', async () => {
    const writes: string[] = [];
    let fail = true;
    const throttle = new DraftThrottle(async (text) => {
      if (fail) {
        fail = false;
        throw new Error('429');
      }
      writes.push(text);
    }, 10);
    throttle.push('x');
    await later(20);
    throttle.push('x');
    await later(30);
    expect(writes).toEqual(['x']);
    expect(throttle.written).toBe('x');
    await throttle.close();
  });
});
