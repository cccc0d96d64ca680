import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openBotServices, type BotServices } from '../../src/app/services.js';
import { Permissions } from '../../src/services/access/permissions.js';
import { percentile } from '../../src/adapters/cli/eval.js';
import { BENCH_STEPS, type BenchContext } from './bench-steps.js';
import { createLogger } from '../../src/app/logger.js';
import { loadSettings } from '../../src/app/settings.js';
import { startSlack } from '../../src/adapters/slack/app.js';
import { FakeSlackWebApi } from '../../test/fakes/slack-web-api.js';
import { nextTs, SlackRequestSender } from '../../test/fakes/slack-requests.js';

const CONCURRENT = 50;
const ROUNDS = 4;
const SECRET = 'bench-signing-secret';

/**
 * The Slack path end to end: 50 signed app_mention events sent at once to the
 * real Bolt app (HTTP mode, 127.0.0.1), timed from sending each event to the
 * fake Web API receiving its chat.postMessage. Signature check, Bolt routing,
 * the answer (through the process's real services: status detection and the
 * question log in SQLite included), Block Kit rendering and the Web API call are all
 * inside the figure, and so is the CPU of the simulated Slack itself (sender and fake
 * Web API run in the same process), which makes the figure an upper bound.
 */
async function benchSlack(ctx: BenchContext): Promise<Record<string, number>> {
  const services = await benchServices(ctx.tmpDir);
  const fake = await FakeSlackWebApi.start();
  const slack = await startSlack({
    services,
    settings: { botToken: 'xoxb-bench', signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0 },
    host: '127.0.0.1',
  }).catch(async (err: unknown) => {
    await fake.close();
    await services.close();
    throw err;
  });
  const sender = new SlackRequestSender(`http://127.0.0.1:${slack.port}/slack/events`, SECRET, { teamId: fake.options.teamId, botUserId: fake.options.botUserId });
  const questions = ctx.questions.length > 0 ? ctx.questions : ['水資源合作有哪些安排?'];
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let done: (() => void) | undefined;
  fake.onRecord((r) => {
    if (r.kind !== 'call' || r.call.method !== 'chat.postMessage') return;
    const started = sentAt.get(String(r.call.params.thread_ts));
    if (started === undefined) return;
    sentAt.delete(String(r.call.params.thread_ts));
    latencies.push(r.call.at - started);
    if (sentAt.size === 0) done?.();
  });
  const burst = async (record: boolean) => {
    const before = latencies.length;
    let timer: NodeJS.Timeout | undefined;
    const finished = new Promise<void>((resolve, reject) => {
      done = resolve;
      timer = setTimeout(() => reject(new Error(`slack bench: ${sentAt.size} of ${CONCURRENT} events got no answer within 60 s`)), 60_000);
    });
    const acks = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => {
        const ts = nextTs();
        sentAt.set(ts, performance.now());
        return sender.mention({ text: questions[i % questions.length]!, ts, channel: 'CBENCH' });
      }),
    );
    const refused = acks.find((a) => a.status !== 200);
    if (refused) throw new Error(`slack bench: an event was refused with HTTP ${refused.status}`);
    try {
      await finished;
    } finally {
      clearTimeout(timer);
    }
    if (!record) latencies.length = before;
  };
  try {
    await burst(false); // warm-up: connections, JIT, the retriever's first use
    for (let r = 0; r < ROUNDS; r++) await burst(true);
  } finally {
    sender.close();
    await slack.stop();
    await fake.close();
    await services.close();
  }
  return { eventToPostP50ms: percentile(latencies, 50), eventToPostP95ms: percentile(latencies, 95), events: latencies.length };
}

/** The bot services a deployment runs, on a copy of the corpus with its own index and database (extractive answers). */
async function benchServices(tmpDir: string): Promise<BotServices> {
  const root = path.join(tmpDir, 'slack-bench');
  await mkdir(root, { recursive: true });
  await cp(loadSettings().corpusDir, path.join(root, 'corpus'), { recursive: true });
  const settings = loadSettings({ CORPUS_DIR: 'corpus', INDEXES_DIR: 'indexes', DATA_DIR: 'data', EMBEDDER: 'lexical', LOG_LEVEL: 'silent' }, root);
  return openBotServices(settings, createLogger('silent'), { permissions: new Permissions({}) });
}

BENCH_STEPS.push({
  name: `slack, ${CONCURRENT} concurrent signed events`,
  run: benchSlack,
  // 50 people asking in the same second all get their answer within a second.
  targets: { eventToPostP50ms: '≤ 500 ms', eventToPostP95ms: '≤ 1000 ms' },
});
