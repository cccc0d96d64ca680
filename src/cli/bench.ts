import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Assistant } from '../answer/assistant.js';
import { loadCorpus } from '../corpus/load.js';
import { buildIndex } from '../index/build.js';
import { createLexicalEmbedder } from '../index/embedders/lexical.js';
import { IndexHolder } from '../index/holder.js';
import { openKnowledgeBase } from '../index/knowledge-base.js';
import { loadSettings } from '../config/settings.js';
import { percentile, readEvalFile } from './eval.js';
import { syntheticCorpus } from './synthetic-corpus.js';
import { BENCH_STEPS, type BenchContext } from './bench-steps.js';
// Front ends register their benchmarks (BENCH_STEPS) when imported.
import '../bots/telegram/bench.js';

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

/** Process start to first answer, in a fresh process on the given index. */
function coldStart(indexesDir: string, question: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/planbot.js'), 'ask', '--json', question], {
      cwd: ROOT,
      env: { ...process.env, INDEXES_DIR: indexesDir, EMBEDDER: 'lexical', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`cold-start run failed: ${stderr.trim()}`))));
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
    const seedCorpus = await loadCorpus(settings.corpusDir);
    const seedDir = path.join(tmp, 'seed');
    let t = performance.now();
    await buildIndex(seedCorpus, { indexesDir: seedDir, embedder });
    results.seedBuildMs = Math.round(performance.now() - t);
    row('index build, seed plan', `${results.seedBuildMs} ms`);

    const questions = existsSync(opts.questions)
      ? (await readEvalFile(opts.questions)).map((q) => q.q)
      : seedCorpus.documents[0]!.parsed.sections.map((s) => `${s.title}有哪些安排?`);
    const seedKb = await openKnowledgeBase({ indexesDir: seedDir, embedder });
    const assistant = new Assistant(new IndexHolder(seedKb));
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
    const synthAssistant = new Assistant(new IndexHolder(await openKnowledgeBase({ indexesDir: synthDir, embedder })));
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

    results.coldStartMs = Math.round(await coldStart(seedDir, questions[0] ?? '水資源合作'));
    row('cold start (process start → first answer)', `${results.coldStartMs} ms`);
    results.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    row('peak RSS of this process', `${results.peakRssMB} MB`, '≤ 200 MB');
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
