// `npm run bench`: the speed and memory benchmarks, run from the sources with tsx. A script of its
// own rather than a `planbot` command, so the bench (and the fake servers it uses) stays out of the CLI.
import { Command, InvalidArgumentError } from 'commander';
import { loadEnvFile } from '../../src/app/settings.js';
import { runBench } from './bench.js';

loadEnvFile();

const program = new Command()
  .name('bench')
  .description('speed and memory benchmarks; prints a table and one JSON line')
  // 38 questions in both scripts and English, each timed 20 times: large enough for percentiles, quick to run.
  .option('--questions <file>', 'questions to time', 'test/fixtures/mixed-questions.jsonl')
  .option('--sections <n>', 'size of the synthetic corpus', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 10) throw new InvalidArgumentError('a whole number ≥ 10');
    return n;
  }, 1000)
  .action(async (opts: { questions: string; sections: number }) => runBench(opts));

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
