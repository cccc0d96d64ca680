import { createServer } from 'node:net';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot } from 'grammy';
import { describe, expect, it } from 'vitest';
import { reportUnreachableApi } from '../../../src/adapters/telegram/unreachable.js';

/** A local port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a Telegram Bot API that cannot be reached', () => {
  it('is reported on every failed attempt instead of retried in silence, and the token never shows', async () => {
    const apiRoot = `http://127.0.0.1:${await closedPort()}`;
    const warnings: { fields: Record<string, unknown>; msg: string }[] = [];
    const log = { warn: (fields: Record<string, unknown>, msg: string) => void warnings.push({ fields, msg }) };
    const bot = new Bot('123456:SECRET-token-value', { client: { apiRoot } });
    bot.api.config.use(reportUnreachableApi(log as never, apiRoot));
    bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));

    const stop = new AbortController();
    const call = bot.api.getMe(stop.signal as Parameters<typeof bot.api.getMe>[0]);
    const outcome = call.then(
      () => 'answered',
      () => 'gave up',
    );
    const deadline = Date.now() + 10_000;
    while (warnings.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    stop.abort();
    expect(await outcome).toBe('gave up');

    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]!.msg).toContain(`cannot reach the Telegram Bot API at ${apiRoot}`);
    expect(warnings[0]!.fields.method).toBe('getMe');
    expect(JSON.stringify(warnings)).not.toContain('SECRET-token-value');
  });
});
