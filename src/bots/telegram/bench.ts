import { Worker } from 'node:worker_threads';
import type { Assistant } from '../../answer/assistant.js';
import { Permissions } from '../../chat/permissions.js';
import { BENCH_STEPS, type BenchStep } from '../../cli/bench-steps.js';
import { percentile } from '../../cli/eval.js';
import { createLogger } from '../../config/logger.js';
import type { TrafficMessage, TrafficPlan } from './bench-traffic.js';
import { startTelegram } from './start.js';

export interface TelegramBenchResult {
  updates: number;
  p50ms: number;
  p95ms: number;
  /** Updates that got no reply within the timeout. */
  lost: number;
}

/**
 * The worker runs the TypeScript sources like this process (bin/planbot.js
 * registers tsx the same way), so there is no build step to keep in sync.
 */
const WORKER_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((tsx) => tsx.register()).then(() => import(workerData.entry));
`;

function startTrafficWorker(plan: TrafficPlan): Worker {
  return new Worker(WORKER_BOOTSTRAP, {
    eval: true,
    workerData: { planbotTelegramBench: true, plan, tsxApi: import.meta.resolve('tsx/esm/api'), entry: new URL('./bench-traffic.ts', import.meta.url).href },
  });
}

function nextMessage(worker: Worker): Promise<TrafficMessage> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (m: TrafficMessage) => (cleanup(), resolve(m));
    const onError = (err: Error) => (cleanup(), reject(err));
    const onExit = (code: number) => (cleanup(), reject(new Error(`the bench traffic worker exited (${code})`)));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

/**
 * Simulated users talking to the real bot (grammY + runner, long polling)
 * through the fake Bot API, all at once. The fake and the users run in a worker
 * thread; the bot runs here, on the main thread, as in production.
 */
export async function runTelegramBench(
  assistant: Assistant,
  questions: readonly string[],
  options: { users?: number; questionsPerUser?: number; timeoutMs?: number } = {},
): Promise<TelegramBenchResult> {
  const plan: TrafficPlan = {
    users: options.users ?? 50,
    questionsPerUser: options.questionsPerUser ?? 20,
    questions: questions.length > 0 ? [...questions] : ['水資源合作有哪些安排?'],
    timeoutMs: options.timeoutMs ?? 10_000,
  };
  const worker = startTrafficWorker(plan);
  try {
    const ready = await nextMessage(worker);
    if (ready.type !== 'ready') throw new Error('the bench traffic worker did not start');
    const bot = await startTelegram({
      assistant,
      settings: { token: ready.token, apiRoot: ready.apiRoot, rateLimitPerMinute: 0 },
      permissions: new Permissions({}),
      log: createLogger('silent'),
    });
    try {
      const done = await nextMessage(worker);
      if (done.type !== 'done') throw new Error('unexpected message from the bench traffic worker');
      return { updates: plan.users * plan.questionsPerUser, p50ms: percentile(done.latencies, 50), p95ms: percentile(done.latencies, 95), lost: done.lost };
    } finally {
      await bot.stop();
    }
  } finally {
    await worker.terminate();
  }
}

/** `npm run bench`: the Telegram figures, next to the engine's. */
export const telegramBenchStep: BenchStep = {
  name: 'telegram, 50 users × 20 questions',
  targets: { telegramP95ms: '≤ 100 ms', telegramLost: '0' },
  async run(ctx) {
    const r = await runTelegramBench(ctx.assistant, ctx.questions);
    return { telegramUpdates: r.updates, telegramP50ms: r.p50ms, telegramP95ms: r.p95ms, telegramLost: r.lost };
  },
};

BENCH_STEPS.push(telegramBenchStep);
