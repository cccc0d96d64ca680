import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Answer } from '../../engine/answer/types.js';
import type { Platform } from '../access/actor.js';

/**
 * How a question ended, as the `outcome` label: `answer` (cited), `related` (only nearby sections),
 * `none` (the plan does not cover it), `section`, `help`, `refusal`, `status` (a status card), `error`.
 */
export type QuestionOutcome = 'answer' | 'related' | 'none' | 'section' | 'help' | 'refusal' | 'status' | 'error';

type Confidence = 'answer' | 'related' | 'none';

/** The Answer's confidence; Answers from before `confidence` existed have only `abstained`. */
function confidenceOf(answer: Answer & { confidence?: Confidence }): Confidence {
  return answer.confidence ?? (answer.abstained ? 'none' : 'answer');
}

export function answerOutcome(answer: Answer): QuestionOutcome {
  if (answer.kind === 'section' || answer.kind === 'help' || answer.kind === 'refusal') return answer.kind;
  return confidenceOf(answer);
}

export type ReindexResult = 'switched' | 'busy' | 'failed';

/**
 * The process's Prometheus metrics (prom-client, one registry per process). Recorded at one place
 * on the question path (Desk.ask) and by the re-index service, scraped at GET /metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly questions: Counter<'front_end' | 'language' | 'outcome'>;
  private readonly latency: Histogram<'front_end'>;
  private readonly llmRequests: Counter<'model'>;
  private readonly llmTokens: Counter<'model' | 'kind'>;
  private readonly rateLimitedMessages: Counter<'front_end'>;
  private readonly reindexRuns: Counter<'kind' | 'result'>;

  /** `indexVersion` is read at every scrape, so the info metric follows hot swaps. */
  constructor(indexVersion: () => string | undefined) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.questions = new Counter({
      name: 'planbot_questions_total',
      help: 'Questions answered, by front end, reply language and outcome',
      labelNames: ['front_end', 'language', 'outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: 'planbot_answer_duration_seconds',
      help: 'Time from a question to its answer (status card or Assistant answer), LLM included',
      labelNames: ['front_end'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30],
      registers,
    });
    this.llmRequests = new Counter({ name: 'planbot_llm_requests_total', help: 'Requests sent to the language model (retries included)', labelNames: ['model'], registers });
    this.llmTokens = new Counter({ name: 'planbot_llm_tokens_total', help: 'Tokens the language model spent, by kind (prompt, completion)', labelNames: ['model', 'kind'], registers });
    this.rateLimitedMessages = new Counter({ name: 'planbot_rate_limited_total', help: 'Messages refused by the per-user rate limit', labelNames: ['front_end'], registers });
    this.reindexRuns = new Counter({ name: 'planbot_reindex_runs_total', help: 'Confirmed re-index runs (rebuild, document, rollback) by result', labelNames: ['kind', 'result'], registers });
    new Gauge({
      name: 'planbot_index_info',
      help: 'The index version in service (always 1; the version is the label)',
      labelNames: ['version'],
      registers,
      collect() {
        this.reset();
        const version = indexVersion();
        if (version) this.set({ version }, 1);
      },
    });
  }

  /** One question through Desk.ask: an Answer, a status card, or a failure. */
  question(frontEnd: Platform, language: string, outcome: QuestionOutcome, seconds: number): void {
    this.questions.inc({ front_end: frontEnd, language, outcome });
    this.latency.observe({ front_end: frontEnd }, seconds);
  }

  answered(frontEnd: Platform, answer: Answer, seconds: number): void {
    this.question(frontEnd, answer.language, answerOutcome(answer), seconds);
    const usage = answer.usage;
    if (usage) {
      this.llmRequests.inc({ model: usage.model }, usage.requests);
      this.llmTokens.inc({ model: usage.model, kind: 'prompt' }, usage.promptTokens);
      this.llmTokens.inc({ model: usage.model, kind: 'completion' }, usage.completionTokens);
    }
  }

  rateLimited(frontEnd: Platform): void {
    this.rateLimitedMessages.inc({ front_end: frontEnd });
  }

  reindexRun(kind: string, result: ReindexResult): void {
    this.reindexRuns.inc({ kind, result });
  }

  /** The Prometheus text exposition format. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
