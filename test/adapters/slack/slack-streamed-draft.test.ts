import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../../src/adapters/slack/message.js';
import { StreamedDraft } from '../../../src/adapters/slack/streamed-draft.js';
import { createLogger } from '../../../src/app/logger.js';

const msg = (text: string): SlackMessage => ({ text, blocks: [] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recorder(options: { failPost?: boolean; slowMs?: number } = {}) {
  const sent: { op: 'post' | 'update'; text: string; at: number }[] = [];
  let n = 0;
  return {
    sent,
    io: {
      async post(m: SlackMessage) {
        if (options.slowMs) await sleep(options.slowMs);
        sent.push({ op: 'post' as const, text: m.text, at: performance.now() });
        if (options.failPost && n++ === 0) throw new Error('ratelimited');
        return { ts: '1.000001' };
      },
      async update(_ts: string, m: SlackMessage) {
        if (options.slowMs) await sleep(options.slowMs);
        sent.push({ op: 'update' as const, text: m.text, at: performance.now() });
      },
    },
  };
}

describe('a streamed draft', () => {
  it('posts at the first text, then edits at most once per interval with the latest text, and ends with the final message', async () => {
    const r = recorder();
    const draft = new StreamedDraft(r.io, msg, 50, createLogger('silent'));
    for (let i = 1; i <= 30; i++) {
      draft.push('x'.repeat(i));
      await sleep(5);
    }
    await draft.finish([msg('FINAL'), msg('PAGE 2')]);
    expect(r.sent[0]).toMatchObject({ op: 'post', text: 'x' });
    const edits = r.sent.slice(1, -2);
    expect(edits.length).toBeLessThan(10);
    for (let i = 1; i < r.sent.length - 2; i++) expect(r.sent[i]!.at - r.sent[i - 1]!.at).toBeGreaterThanOrEqual(45);
    expect(r.sent.slice(-2)).toMatchObject([{ op: 'update', text: 'FINAL' }, { op: 'post', text: 'PAGE 2' }]);
    await sleep(120);
    expect(r.sent.at(-1)!.text).toBe('PAGE 2'); // nothing after the final message
  });

  it('keeps edits in order when Slack is slower than the interval', async () => {
    const r = recorder({ slowMs: 40 });
    const draft = new StreamedDraft(r.io, msg, 10, createLogger('silent'));
    for (let i = 1; i <= 10; i++) {
      draft.push('y'.repeat(i));
      await sleep(8);
    }
    await draft.finish([msg('FINAL')]);
    const lengths = r.sent.slice(0, -1).map((s) => s.text.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(r.sent.at(-1)).toMatchObject({ op: 'update', text: 'FINAL' });
  });

  it('posts the final answer as a new message when the draft could not be posted', async () => {
    const r = recorder({ failPost: true });
    const draft = new StreamedDraft(r.io, msg, 1000, createLogger('silent'));
    draft.push('partial');
    await sleep(20);
    await draft.finish([msg('FINAL')]);
    expect(r.sent.map((s) => `${s.op}:${s.text}`)).toEqual(['post:partial', 'post:FINAL']);
  });

  it('sends nothing before the first text, and nothing after close', async () => {
    const r = recorder();
    const draft = new StreamedDraft(r.io, msg, 10, createLogger('silent'));
    await draft.close();
    draft.push('late');
    await sleep(30);
    expect(r.sent).toEqual([]);
    expect(await draft.replace(msg('sorry'))).toBe(false);
  });
});
