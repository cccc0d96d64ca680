import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Assistant } from '../../src/engine/answer/assistant.js';
import { loadCorpus } from '../../src/engine/corpus/load.js';
import { buildIndex } from '../../src/engine/index/build.js';
import { createLexicalEmbedder } from '../../src/engine/index/embedders/lexical.js';
import { IndexHolder } from '../../src/engine/index/holder.js';
import { openKnowledgeBase } from '../../src/engine/index/knowledge-base.js';
import { loadSettings } from '../../src/app/settings.js';
import { percentile, readEvalFile } from '../../src/adapters/cli/eval.js';
import { syntheticCorpus } from './synthetic-corpus.js';
import { BENCH_STEPS, type BenchContext } from './bench-steps.js';
import { defaultExpander } from '../../src/app/expander.js';
import './bench-bridge.js';
// Front ends register their benchmarks in BENCH_STEPS when imported.
import './slack.js';
// Front ends register their benchmarks (BENCH_STEPS) when imported.
import './telegram.js';
// Status storage on SQLite and PostgreSQL, and two workers sharing one database.
import './bench-postgres.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function timeQuestions(assistant: Assistant, questions: readonly string[], rounds: number): Promise<{ p50: number; p95: number }> {
  for (const q of questions) await assistant.ask(q); // warm-up: first-use costs are the cold-start figure's business
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t = performance.now();
      await assistant.ask(q);
      times.push(performance.now() - t);
    }
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** Runs the CLI in a fresh process on the given index; returns wall time and that process's peak RSS. */
function runChild(indexesDir: string, args: string[]): Promise<{ ms: number; peakRssMB: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/planbot.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, INDEXES_DIR: indexesDir, EMBEDDER: 'lexical', LOG_LEVEL: 'silent', PLANBOT_REPORT_PEAK_RSS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      const kb = Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN);
      if (code === 0) resolve({ ms: performance.now() - started, peakRssMB: Math.round(kb / 1024) });
      else reject(new Error(`bench child \`planbot ${args[0]}\` failed: ${stderr.trim()}`));
    });
  });
}

export async function runBench(opts: { questions: string; sections: number }): Promise<void> {
  const settings = loadSettings();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'planbot-bench-'));
  const results: Record<string, number | string> = {};
  const rows: [string, string, string][] = [];
  const row = (name: string, value: string, target = '') => rows.push([name, value, target]);
  try {
    const embedder = createLexicalEmbedder();
    const seedCorpus = await loadCorpus(settings.corpusDir, { translations: settings.TRANSLATIONS });
    const seedDir = path.join(tmp, 'seed');
    let t = performance.now();
    await buildIndex(seedCorpus, { indexesDir: seedDir, embedder });
    results.seedBuildMs = Math.round(performance.now() - t);
    row('index build, seed plan', `${results.seedBuildMs} ms`);

    const questions = existsSync(opts.questions)
      ? (await readEvalFile(opts.questions)).map((q) => q.q)
      : seedCorpus.documents[0]!.parsed.sections.map((s) => `${s.title}有哪些安排?`);
    const seedKb = await openKnowledgeBase({ indexesDir: seedDir, embedder });
    const assistant = new Assistant(new IndexHolder(seedKb), { expander: defaultExpander(settings) });
    const seed = await timeQuestions(assistant, questions, 20);
    results.seedP50ms = round(seed.p50);
    results.seedP95ms = round(seed.p95);
    row('retrieval+answer p50, seed', `${results.seedP50ms} ms`, '≤ 2 ms');
    row('retrieval+answer p95, seed', `${results.seedP95ms} ms`, '≤ 10 ms');

    const synthetic = syntheticCorpus(seedCorpus, opts.sections);
    const synthDir = path.join(tmp, 'synthetic');
    t = performance.now();
    await buildIndex(synthetic, { indexesDir: synthDir, embedder });
    results.syntheticSections = synthetic.documents[0]!.parsed.sections.length;
    results.syntheticBuildMs = Math.round(performance.now() - t);
    row(`index build, synthetic ${results.syntheticSections} sections`, `${results.syntheticBuildMs} ms`, '≤ 30000 ms');
    const synthAssistant = new Assistant(new IndexHolder(await openKnowledgeBase({ indexesDir: synthDir, embedder })), { expander: defaultExpander(settings) });
    const synth = await timeQuestions(synthAssistant, questions, 5);
    results.syntheticP50ms = round(synth.p50);
    results.syntheticP95ms = round(synth.p95);
    row('retrieval+answer p95, synthetic', `${results.syntheticP95ms} ms`, '≤ 20 ms');

    const ctx: BenchContext = { assistant, questions, tmpDir: tmp };
    for (const step of BENCH_STEPS) {
      const figures = await step.run(ctx);
      for (const [key, value] of Object.entries(figures)) {
        results[key] = typeof value === 'number' ? round(value) : value;
        row(`${step.name}: ${key}`, String(results[key]), step.targets?.[key] ?? '');
      }
    }

    results.coldStartMs = Math.round((await runChild(seedDir, ['ask', '--json', questions[0] ?? '水資源合作'])).ms);
    row('cold start (process start → first answer)', `${results.coldStartMs} ms`);
    // A serving process: loads the seed index and answers every question (eval), as a bot would.
    if (existsSync(opts.questions)) {
      results.peakRssMB = (await runChild(seedDir, ['eval', path.resolve(opts.questions)])).peakRssMB;
      row('peak RSS, process answering the questions', `${results.peakRssMB} MB`, '≤ 200 MB');
    }
    results.benchPeakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    row('peak RSS of the bench process itself (all benches)', `${results.benchPeakRssMB} MB`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`${'measure'.padEnd(width)}  ${'value'.padStart(12)}  target\n`);
  for (const [name, value, target] of rows) process.stdout.write(`${name.padEnd(width)}  ${value.padStart(12)}  ${target}\n`);
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
