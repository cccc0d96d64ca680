import type { Assistant } from '../../src/engine/answer/assistant.js';

export interface BenchContext {
  /** An Assistant on a throw-away copy of the seed index. */
  assistant: Assistant;
  questions: readonly string[];
  tmpDir: string;
}

/** A benchmark a front end adds (e.g. Telegram or Slack latency through their fake APIs). */
export interface BenchStep {
  name: string;
  run(ctx: BenchContext): Promise<Record<string, number | string>>;
  /** Target per figure, shown beside it. */
  targets?: Record<string, string>;
}

/** Registered front-end benchmarks, run after the engine's own. */
export const BENCH_STEPS: BenchStep[] = [];
