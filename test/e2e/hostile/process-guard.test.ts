import { describe, expect, it } from 'vitest';
import { keepServingOnErrors } from '../../../src/app/process-guard.js';
import { memoryLogger } from '../../helpers/fake-telegram-api.js';

describe('process-level error guard', () => {
  it('logs a stray rejection or exception without its secrets and keeps serving; exits on a burst', () => {
    const { log, lines } = memoryLogger();
    const exits: number[] = [];
    let t = 0;
    const guard = keepServingOnErrors(log, { exit: (code) => exits.push(code), now: () => t });
    try {
      guard.handle('unhandledRejection', new TypeError("Cannot read properties of null (reading 'ssl_check') xoxb-1234-5678-abcdefghijkl"));
      expect(lines.at(-1)!.msg).toContain('still serving');
      expect(JSON.stringify(lines)).not.toContain('xoxb-1234-5678-abcdefghijkl');
      for (let i = 0; i < 20; i++) guard.handle('uncaughtException', new Error(`boom ${i}`));
      expect(exits).toEqual([]);
      t = 61_000; // a minute later the count starts again
      for (let i = 0; i < 20; i++) guard.handle('uncaughtException', new Error(`boom ${i}`));
      expect(exits).toEqual([]);
      guard.handle('uncaughtException', new Error('one too many'));
      expect(exits).toEqual([1]);
    } finally {
      guard.dispose();
    }
  });
});
