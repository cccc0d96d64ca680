import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Assistant } from '../../engine/answer/assistant.js';
import { confidenceOf, type Confidence } from '../../engine/answer/types.js';

const EvalQuestion = z.object({
  id: z.string(),
  lang: z.string(),
  kind: z.string().default('topic'),
  q: z.string(),
  expect: z.array(z.string()),
});
export type EvalQuestion = z.infer<typeof EvalQuestion>;

export interface EvalRow {
  id: string;
  lang: string;
  kind: string;
  q: string;
  expect: string[];
  got: string[];
  /** 1-based rank of the first expected citation; 0 when none. */
  rank: number;
  abstained: boolean;
  /** 'answer', 'related' or 'none' ('none' is an abstention). */
  confidence: Confidence;
  ms: number;
}

/** How many questions ended in each outcome. */
type OutcomeCounts = Record<Confidence, number>;

export interface EvalSummary {
  n: number;
  hit1: number;
  hit3: number;
  mrr: number;
  oos: { n: number; abstained: number };
  falseAbstain: number;
  byLang: Record<string, { n: number; hit3: number }>;
  p50ms: number;
  p95ms: number;
  /** Outcomes of every question, in scope and out of scope. */
  confidence: OutcomeCounts;
  /** Per language and per kind: questions, hit@3 of the in-scope ones, and outcomes of all. */
  outcomes: { byLang: Record<string, OutcomeGroup>; byKind: Record<string, OutcomeGroup> };
}

interface OutcomeGroup {
  n: number;
  hit3: number | null;
  confidence: OutcomeCounts;
}

export async function readEvalFile(file: string): Promise<EvalQuestion[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), no: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, no }) => {
      try {
        return EvalQuestion.parse(JSON.parse(line));
      } catch (err) {
        throw new Error(`${file}:${no}: not an eval question (${(err as Error).message.split('\n')[0]})`);
      }
    });
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Asks every question; hit@k counts the first expected citation within the first k. */
export async function runEval(assistant: Assistant, questions: readonly EvalQuestion[]): Promise<{ rows: EvalRow[]; summary: EvalSummary }> {
  // Latency figures are for a running assistant: first-use loading (segmenter dictionary,
  // CC-CEDICT bridge) is paid before timing starts; `npm run bench` reports cold start on its own.
  for (const warmUp of ['合作', 'cooperation']) await assistant.ask(warmUp);
  const rows: EvalRow[] = [];
  for (const q of questions) {
    const started = performance.now();
    const answer = await assistant.ask(q.q);
    const ms = performance.now() - started;
    const got = answer.citations.map((c) => c.sectionId);
    const confidence = confidenceOf(answer);
    // hit@k counts an "answer" or a "related" outcome citing the expected section.
    const index = confidence === 'none' ? -1 : got.findIndex((id) => q.expect.includes(id));
    rows.push({ id: q.id, lang: q.lang, kind: q.kind, q: q.q, expect: q.expect, got, rank: index + 1, abstained: answer.abstained, confidence, ms });
  }
  return { rows, summary: summarize(rows) };
}

function summarize(rows: readonly EvalRow[]): EvalSummary {
  const inScope = rows.filter((r) => r.expect.length > 0);
  const oos = rows.filter((r) => r.expect.length === 0);
  const share = (xs: readonly EvalRow[], pred: (r: EvalRow) => boolean) => (xs.length ? round(xs.filter(pred).length / xs.length) : 0);
  const byLang: EvalSummary['byLang'] = {};
  for (const lang of [...new Set(inScope.map((r) => r.lang))].sort()) {
    const xs = inScope.filter((r) => r.lang === lang);
    byLang[lang] = { n: xs.length, hit3: share(xs, (r) => r.rank > 0 && r.rank <= 3) };
  }
  const ms = rows.map((r) => r.ms);
  return {
    n: inScope.length,
    hit1: share(inScope, (r) => r.rank === 1),
    hit3: share(inScope, (r) => r.rank > 0 && r.rank <= 3),
    mrr: inScope.length ? round(inScope.reduce((s, r) => s + (r.rank > 0 ? 1 / r.rank : 0), 0) / inScope.length) : 0,
    oos: { n: oos.length, abstained: oos.filter((r) => r.confidence === 'none').length },
    falseAbstain: inScope.filter((r) => r.confidence === 'none').length,
    byLang,
    p50ms: round(percentile(ms, 50), 2),
    p95ms: round(percentile(ms, 95), 2),
    confidence: countOutcomes(rows),
    outcomes: { byLang: groupOutcomes(rows, (r) => r.lang), byKind: groupOutcomes(rows, (r) => r.kind) },
  };
}

function countOutcomes(rows: readonly EvalRow[]): OutcomeCounts {
  const counts: OutcomeCounts = { answer: 0, related: 0, none: 0 };
  for (const r of rows) counts[r.confidence]++;
  return counts;
}

function groupOutcomes(rows: readonly EvalRow[], key: (r: EvalRow) => string): Record<string, OutcomeGroup> {
  const out: Record<string, OutcomeGroup> = {};
  for (const name of [...new Set(rows.map(key))].sort()) {
    const xs = rows.filter((r) => key(r) === name);
    const inScope = xs.filter((r) => r.expect.length > 0);
    out[name] = { n: xs.length, hit3: inScope.length ? round(inScope.filter((r) => r.rank > 0 && r.rank <= 3).length / inScope.length) : null, confidence: countOutcomes(xs) };
  }
  return out;
}

/** The outcomes table printed before the summary line: one row per language and per kind. */
export function formatOutcomes(summary: EvalSummary): string {
  const line = (name: string, g: OutcomeGroup) =>
    `${name.padEnd(14)} n=${String(g.n).padEnd(4)} hit@3=${g.hit3 === null ? '-    ' : g.hit3.toFixed(3)}  answer=${g.confidence.answer} related=${g.confidence.related} none=${g.confidence.none}`;
  return [
    'by language:',
    ...Object.entries(summary.outcomes.byLang).map(([k, g]) => `  ${line(k, g)}`),
    'by kind:',
    ...Object.entries(summary.outcomes.byKind).map(([k, g]) => `  ${line(k, g)}`),
  ].join('\n');
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function formatRow(r: EvalRow): string {
  const none = r.confidence === 'none';
  const verdict = r.expect.length === 0 ? (none ? 'ABSTAIN ok' : `ANSWERED (${r.confidence})`) : r.rank === 1 ? 'hit@1' : r.rank > 0 && r.rank <= 3 ? `hit@${r.rank}` : none ? 'MISS (abstained)' : 'MISS';
  return `${r.id.padEnd(6)} ${r.lang.padEnd(7)} ${r.confidence.padEnd(8)} ${verdict.padEnd(24)} expect=${r.expect.join(',') || '-'} got=${r.got.slice(0, 3).join(',') || '-'} ${r.ms.toFixed(1)}ms  ${r.q}`;
}
