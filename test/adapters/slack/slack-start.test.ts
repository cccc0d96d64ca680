import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackWebApi } from '../../fakes/slack-web-api.js';
import { nextTs, SlackRequestSender } from '../../fakes/slack-requests.js';
import { createTestAssistant, type TestAssistant } from '../../helpers/test-assistant.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TOKEN = 'xoxb-start-test-token-0123456789';
const SECRET = 'start-test-signing-secret';

let ta: TestAssistant;
let fake: FakeSlackWebApi;
let dataDir: string;

beforeAll(async () => {
  ta = await createTestAssistant();
  fake = await FakeSlackWebApi.start({ token: TOKEN });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'planbot-start-data-'));
});

afterAll(async () => {
  await fake?.close();
  await ta?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start with SLACK_BOT_TOKEN', () => {
  it('runs the Slack app in HTTP mode, answers, and shuts down cleanly on SIGTERM without logging secrets', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/planbot.js'), 'start'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        INDEXES_DIR: ta.indexesDir,
        DATA_DIR: dataDir,
        EMBEDDER: 'lexical',
        LOG_LEVEL: 'info',
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "listening" log line; stderr so far:\n${stderr}`)), 20_000);
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          const m = /"port":(\d+)[^\n]*Slack app listening/.exec(stderr);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
        child.on('close', () => reject(new Error(`planbot exited early:\n${stderr}`)));
      });
      // The Slack app binds all interfaces in production; the test talks to it on loopback.
      const sender = new SlackRequestSender(`http://127.0.0.1:${port}/slack/events`, SECRET, { teamId: fake.options.teamId, botUserId: fake.options.botUserId });
      const ts = nextTs();
      expect((await sender.mention({ text: '貿易投資便利化有哪些安排?', ts })).status).toBe(200);
      const post = await fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts, 15_000);
      expect(JSON.stringify(post.params.blocks)).toContain('§4.2.3');
      sender.close();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).not.toContain(TOKEN);
      expect(stderr).not.toContain(SECRET);
      expect(stderr).toContain('Slack app stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
