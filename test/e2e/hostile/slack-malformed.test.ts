import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAssistant, type TestAssistant } from '../../helpers/test-assistant.js';
import { expectStillAnswering, startPlanbotProcess, type PlanbotProcess } from './helpers/planbot-process.js';

let ta: TestAssistant;
let dataDir: string;
let planbot: PlanbotProcess;

beforeAll(async () => {
  ta = await createTestAssistant();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'planbot-hostile-slack-'));
  planbot = await startPlanbotProcess({ indexesDir: ta.indexesDir, dataDir });
}, 60_000);

afterAll(async () => {
  await planbot?.stop();
  await ta?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Signed correctly (the attacker has a valid signature, e.g. a buggy proxy), but not a Slack request body. */
const MALFORMED: { name: string; body: string; type: string }[] = [
  { name: 'JSON null', body: 'null', type: 'application/json' },
  { name: 'form payload=null', body: 'payload=null', type: 'application/x-www-form-urlencoded' },
  { name: 'a JSON array', body: '[1,2,3]', type: 'application/json' },
  { name: 'a JSON number', body: '42', type: 'application/json' },
  { name: 'a JSON string', body: '"event_callback"', type: 'application/json' },
  { name: 'truncated JSON', body: '{"type":"event_callback","event":{"type":"app_men', type: 'application/json' },
  { name: 'form payload with a truncated object', body: 'payload=%7B%22type%22%3A', type: 'application/x-www-form-urlencoded' },
  { name: 'form payload=[]', body: 'payload=%5B%5D', type: 'application/x-www-form-urlencoded' },
  { name: 'an event with a null event', body: '{"type":"event_callback","event":null,"team_id":"T0001"}', type: 'application/json' },
  { name: 'plain text', body: 'hello', type: 'text/plain' },
  { name: 'no content type', body: '{"type":"event_callback"}', type: '' },
  { name: 'an empty body', body: '', type: 'application/json' },
];

describe('malformed but signed Slack requests', () => {
  it('are refused with 400 before Bolt sees them; Slack and Telegram keep answering in the same process', async () => {
    for (const m of MALFORMED) {
      const res = await planbot.sender.send(m.body, m.type);
      expect(res.status, m.name).toBe(400);
      expect(planbot.alive(), `process alive after ${m.name}`).toBe(true);
    }
    await expectStillAnswering(planbot);
    expect(planbot.output()).toContain('malformed Slack request');
  }, 90_000);

  it('refuses a request timestamped in the future beyond a minute, and accepts a small clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const future = await planbot.sender.mention({ text: '貿易投資便利化有哪些安排?' }, { timestampSec: now + 3600 });
    expect(future.status).toBe(401);
    const skewed = await planbot.sender.mention({ text: '貿易投資便利化有哪些安排?' }, { timestampSec: now + 20 });
    expect(skewed.status).toBe(200);
    await expectStillAnswering(planbot);
  }, 60_000);
});
