import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBotServices, type BotServices } from '../../src/app/services.js';
import { Permissions } from '../../src/services/access/permissions.js';
import { BENCH_STEPS, type BenchStep } from './bench-steps.js';
import { percentile } from '../../src/adapters/cli/eval.js';
import { createLogger } from '../../src/app/logger.js';
import { loadSettings } from '../../src/app/settings.js';
import { TRAFFIC_ENV, type TrafficMessage, type TrafficPlan } from './telegram-traffic.js';
import { telegramDeps, type TelegramServices } from '../../src/adapters/telegram/deps.js';
import { startTelegram } from '../../src/adapters/telegram/start.js';

interface TelegramBenchResult {
  updates: number;
  p50ms: number;
  p95ms: number;
  /** Updates that got no reply within the timeout. */
  lost: number;
  /** With `bomb`: the admin's reply to the bomb, and the highest RSS of this process meanwhile. */
  bomb?: { replyMs: number; reply: string; peakRssMb: number };
}

/** The fake API and the users run in a child process: compiled like this one, or through tsx from the sources. */
function startTraffic(): ChildProcess {
  const fromSources = import.meta.url.endsWith('.ts');
  return fork(fileURLToPath(new URL(fromSources ? './telegram-traffic.ts' : './telegram-traffic.js', import.meta.url)), [], {
    execArgv: fromSources ? ['--import', import.meta.resolve('tsx')] : [],
    env: { ...process.env, [TRAFFIC_ENV]: '1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

function nextMessage(child: ChildProcess): Promise<TrafficMessage> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('error', onError);
      child.off('exit', onExit);
    };
    const onMessage = (m: unknown) => (cleanup(), resolve(m as TrafficMessage));
    const onError = (err: Error) => (cleanup(), reject(err));
    const onExit = (code: number | null) => (cleanup(), reject(new Error(`the bench traffic process exited (${code})`)));
    child.on('message', onMessage);
    child.on('error', onError);
    child.on('exit', onExit);
  });
}

/**
 * Simulated users talking to the real bot (grammY + runner, long polling)
 * through the fake Bot API, all at once. The fake and the users run in a child
 * process; the bot runs here, as in production.
 */
async function runTelegramBench(
  services: TelegramServices,
  questions: readonly string[],
  options: { users?: number; questionsPerUser?: number; timeoutMs?: number; bombFromAdmin?: number } = {},
): Promise<TelegramBenchResult> {
  const plan: TrafficPlan = {
    users: options.users ?? 50,
    questionsPerUser: options.questionsPerUser ?? 20,
    questions: questions.length > 0 ? [...questions] : ['水資源合作有哪些安排?'],
    timeoutMs: options.timeoutMs ?? 10_000,
    // As in the engine's bench, first-use costs (JIT, lazy loading) are not part of the figure.
    warmUpPerUser: 2,
    ...(options.bombFromAdmin !== undefined ? { bombFromAdmin: options.bombFromAdmin } : {}),
  };
  const child = startTraffic();
  try {
    const readyMessage = nextMessage(child);
    child.send(plan);
    const ready = await readyMessage;
    if (ready.type !== 'ready') throw new Error('the bench traffic process did not start');
    const bot = await startTelegram(telegramDeps({ ...services, log: createLogger('silent') }, { token: ready.token, apiRoot: ready.apiRoot, rateLimitPerMinute: 0 }));
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const done = await nextMessage(child);
      if (done.type !== 'done') throw new Error('unexpected message from the bench traffic process');
      const bomb = done.bomb ? { ...done.bomb, peakRssMb: Math.round(peak / 1024 / 1024) } : undefined;
      return { updates: plan.users * plan.questionsPerUser, p50ms: percentile(done.latencies, 50), p95ms: percentile(done.latencies, 95), lost: done.lost, ...(bomb ? { bomb } : {}) };
    } finally {
      clearInterval(sampler);
      await bot.stop();
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

/**
 * The services a production bot runs with (live index, Assistant, question log and
 * status database), on a fresh index and database in the bench's temp folder:
 * extractive answers with the lexical embedder, like the engine's own figures.
 */
async function openBenchServices(tmpDir: string, admins: readonly string[] = []): Promise<BotServices> {
  const dir = path.join(tmpDir, admins.length > 0 ? 'telegram-admin' : 'telegram');
  const settings = loadSettings({ ...process.env, INDEXES_DIR: path.join(dir, 'indexes'), DATA_DIR: path.join(dir, 'data'), EMBEDDER: 'lexical', OPENAI_API_KEY: '', LOG_LEVEL: 'silent' });
  return openBotServices(settings, createLogger('silent'), { permissions: new Permissions({ telegram: admins }) });
}

/** `npm run bench`: the Telegram figures, next to the engine's. Every question goes the production way: Desk.ask, logged in SQLite. */
const telegramBenchStep: BenchStep = {
  name: 'telegram, 50 users × 20 questions',
  targets: { telegramP95ms: '≤ 100 ms', telegramLost: '0' },
  async run(ctx) {
    const services = await openBenchServices(ctx.tmpDir);
    try {
      const r = await runTelegramBench(services, ctx.questions);
      return { telegramUpdates: r.updates, telegramP50ms: r.p50ms, telegramP95ms: r.p95ms, telegramLost: r.lost };
    } finally {
      await services.close();
    }
  },
};

const BENCH_ADMIN = 900_001;

/** Issue 15: an admin sends a .docx that inflates to 100 MB while 20 users ask; it must be refused, and they answered. */
const telegramBombBenchStep: BenchStep = {
  name: 'telegram, 20 users × 10 questions while an admin sends a 0.36 MB .docx that inflates to 100 MB',
  targets: { bombP95ms: '≤ 1000 ms', bombLost: '0', bombPeakRssMb: '≤ 300 MB' },
  async run(ctx) {
    const services = await openBenchServices(ctx.tmpDir, [String(BENCH_ADMIN)]);
    try {
      const r = await runTelegramBench(services, ctx.questions, { users: 20, questionsPerUser: 10, bombFromAdmin: BENCH_ADMIN });
      const refused = r.bomb && /The document expands to/.test(r.bomb.reply) ? 'refused' : `NOT refused: ${r.bomb?.reply.slice(0, 80) ?? 'no reply'}`;
      return { bombP95ms: r.p95ms, bombLost: r.lost, bombReplyMs: Math.round(r.bomb?.replyMs ?? Number.NaN), bombPeakRssMb: r.bomb?.peakRssMb ?? Number.NaN, bombDocument: refused };
    } finally {
      await services.close();
    }
  },
};

BENCH_STEPS.push(telegramBenchStep, telegramBombBenchStep);
