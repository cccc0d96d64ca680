import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestBotServices, type TestBotServices } from '../../helpers/bot-services.js';
import { killAndWait, runTsChild, waitForOutput } from '../../helpers/child.js';
import { seen, startBotOnFake, testUser, type BotOnFake } from '../../helpers/fake-telegram-api.js';

/**
 * Another process holds an exclusive lock on planbot.sqlite for longer than the
 * busy timeout (5 s). Questions asked meanwhile are answered at once, and their log
 * rows are written once the lock is released, not dropped.
 */

/** At least this long (past the 5 s busy timeout, so writes must retry rather than just wait), and until the test releases it. */
const HOLD_MS = 9_000;

let tbs: TestBotServices;
let b: BotOnFake;

beforeAll(async () => {
  tbs = await openTestBotServices();
  b = await startBotOnFake({ services: tbs.services });
}, 60_000);

afterAll(async () => {
  await b?.stop();
  await tbs?.close();
});

const logged = async () => (await tbs.services.desk.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM question_log'))!.n;

describe('a database locked by another process', () => {
  it('loses no question-log rows: writes wait and retry until the lock is released', async () => {
    const before = await logged();
    const holder = runTsChild('../e2e/hostile/helpers/hold-database.ts', [path.join(tbs.dataDir, 'planbot.sqlite'), String(120_000)]);
    try {
      await waitForOutput(holder, /locked/);
      const started = Date.now();
      // Six users ask over the first seconds of the lock; every one is answered without waiting for it.
      for (let i = 0; i < 6; i++) {
        const user = testUser();
        const chat = b.fake.privateChat(user);
        const mark = b.fake.mark();
        b.fake.sendText(chat, user, '水資源合作有哪些安排?');
        const reply = await b.fake.waitForMessage(chat.id, { after: mark, timeoutMs: 10_000 });
        expect(seen(reply)).toContain('4.2.12');
        await new Promise((r) => setTimeout(r, 500));
      }
      // All six were answered while the lock was still held (it is released only now, and at least HOLD_MS after it was taken).
      await new Promise((r) => setTimeout(r, Math.max(0, HOLD_MS - (Date.now() - started))));
      const released = waitForOutput(holder, /released/, 30_000);
      holder.kill('SIGUSR2');
      await released;
    } finally {
      await killAndWait(holder);
    }
    const until = Date.now() + 30_000;
    while ((await logged()) < before + 6 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(await logged()).toBe(before + 6);
    expect(b.logs.lines.filter((l) => l.msg === 'could not log a question')).toEqual([]);
  }, 90_000);
});
