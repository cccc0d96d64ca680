import { describe, expect, it } from 'vitest';
import { answerOutcome } from '../../src/services/ops/metrics.js';
import type { Answer } from '../../src/engine/answer/types.js';

const answer = (fields: Partial<Answer> & { confidence?: 'answer' | 'related' | 'none' }): Answer => ({
  kind: 'answer', question: 'q', language: 'en', parts: [], citations: [], suggestions: [], abstained: false, indexVersion: 'v1', timings: { totalMs: 1, retrievalMs: 1 },
  ...fields,
});

describe('the outcome label of an Answer', () => {
  it('follows `confidence` when the Answer has it', () => {
    expect(answerOutcome(answer({ confidence: 'related', abstained: true }))).toBe('related');
    expect(answerOutcome(answer({ confidence: 'none', abstained: true }))).toBe('none');
    expect(answerOutcome(answer({ confidence: 'answer' }))).toBe('answer');
  });

  it('falls back to `abstained` for Answers without it', () => {
    expect(answerOutcome(answer({ kind: 'abstain', abstained: true }))).toBe('none');
    expect(answerOutcome(answer({}))).toBe('answer');
  });

  it('names section look-ups, help and refusals by their kind', () => {
    expect(answerOutcome(answer({ kind: 'section' }))).toBe('section');
    expect(answerOutcome(answer({ kind: 'help' }))).toBe('help');
    expect(answerOutcome(answer({ kind: 'refusal' }))).toBe('refusal');
  });
});
