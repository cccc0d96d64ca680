import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { FakeSlackWebApi } from '../../../fakes/slack-web-api.js';
import { nextTs, SlackRequestSender } from '../../../fakes/slack-requests.js';
import { FakeTelegramApi } from '../../../fakes/telegram-bot-api.js';
import { REPO } from '../../../helpers/workspace.js';
import type { User } from 'grammy/types';

const SLACK_TOKEN = 'xoxb-hostile-test-token-0123456789';
const SLACK_SECRET = 'hostile-test-signing-secret';
const SLACK_ADMIN = 'UADMINHOSTILE';
export const TELEGRAM_ADMIN_ID = 4242;

/** `planbot start` in its own process with Telegram (polling a fake Bot API) and Slack (HTTP mode, a fake Web API). */
export interface PlanbotProcess {
  child: ChildProcess;
  telegram: FakeTelegramApi;
  slack: FakeSlackWebApi;
  sender: SlackRequestSender;
  /** Everything the process logged so far (pino JSON lines on stderr/stdout). */
  output(): string;
  /** True while the process has not exited. */
  alive(): boolean;
  stop(): Promise<number | null>;
}

let userId = 700_000;
export function telegramUser(overrides: Partial<User> = {}): User {
  const id = userId++;
  return { id, is_bot: false, first_name: `Hostile${id}`, language_code: 'zh-hant', ...overrides };
}

/** Starts the real CLI entry point (bin/planbot.js start) with both bots on fakes. */
export async function startPlanbotProcess(options: {
  indexesDir: string;
  dataDir: string;
  env?: Record<string, string>;
}): Promise<PlanbotProcess> {
  const telegram = await FakeTelegramApi.start();
  const slack = await FakeSlackWebApi.start({ token: SLACK_TOKEN });
  const child = spawn(process.execPath, [path.join(REPO, 'bin/planbot.js'), 'start'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      INDEXES_DIR: options.indexesDir,
      DATA_DIR: options.dataDir,
      EMBEDDER: 'lexical',
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_ADMIN_IDS: SLACK_ADMIN,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_ADMIN_IDS: String(TELEGRAM_ADMIN_ID),
      TELEGRAM_RATE_LIMIT_PER_MINUTE: '0',
      PORT: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "Slack app listening" line; output:\n${out}`)), 30_000);
    const check = () => {
      const m = /"port":(\d+)[^\n]*Slack app listening/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stderr!.on('data', check);
    child.stdout!.on('data', check);
    child.on('close', () => reject(new Error(`planbot exited early:\n${out}`)));
  });
  const sender = new SlackRequestSender(`http://127.0.0.1:${port}/slack/events`, SLACK_SECRET, { teamId: slack.options.teamId, botUserId: slack.options.botUserId });
  return {
    child,
    telegram,
    slack,
    sender,
    output: () => out,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      sender.close();
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      await telegram.close();
      await slack.close();
      return code;
    },
  };
}

/** A normal question through both front ends: each must be answered with a cited reply. */
export async function expectStillAnswering(p: PlanbotProcess, question = '貿易投資便利化有哪些安排?'): Promise<void> {
  expect(p.alive()).toBe(true);
  const ts = nextTs();
  expect((await p.sender.mention({ text: question, ts })).status).toBe(200);
  const post = await p.slack.waitForCall((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts, 20_000);
  expect(JSON.stringify(post.params)).toContain('§4.2.3');

  const user = telegramUser();
  const chat = p.telegram.privateChat(user);
  const mark = p.telegram.mark();
  p.telegram.sendText(chat, user, question);
  const reply = await p.telegram.waitForMessage(chat.id, { after: mark, timeoutMs: 20_000 });
  expect(String(reply.payload.text)).toContain('4.2.3');
  expect(p.alive()).toBe(true);
}

/** Sends a Telegram message as `from` and resolves with the text of the bot's first reply. */
export async function telegramSay(p: PlanbotProcess, from: User, text: string): Promise<string> {
  const chat = p.telegram.privateChat(from);
  const mark = p.telegram.mark();
  p.telegram.sendText(chat, from, text);
  const reply = await p.telegram.waitForMessage(chat.id, { after: mark, timeoutMs: 20_000 });
  return String(reply.payload.text);
}
