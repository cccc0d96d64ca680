import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../../src/engine/answer/reading.js';
import { knownSections } from '../../helpers/known-sections.js';
import type { Answer } from '../../../src/engine/answer/types.js';
import { contextOf, exchangeToRemember, REMEMBERED_CHARS, type Answered, type Exchange } from '../../../src/services/desk/follow-up.js';
import type { QuestionIntake } from '../../../src/services/desk/intake.js';
import type { StatusReply } from '../../../src/services/status/service.js';
import type { StatusCard } from '../../../src/services/status/views.js';

const kb = knownSections(['4.2.12', '5.2']);
const intake = (question: string): QuestionIntake => ({ reading: readQuestion(question, kb, 2000) });

/** An Assistant answer to `question` citing `citations`, as the engine gives it (its question as read). */
function answered(question: string, citations: string[], kind: Answer['kind'] = 'answer'): Answered {
  const taken = intake(question);
  const answer: Answer = {
    kind,
    question: taken.reading.question,
    language: 'zh-Hant',
    parts: [],
    citations: citations.map((sectionId) => ({ docId: 'plan', sectionId, title: sectionId, label: `§${sectionId}`, docTitle: 'plan', quote: '', score: 1 })),
    suggestions: [],
    abstained: kind === 'abstain',
    indexVersion: 'v1',
    timings: { totalMs: 1, retrievalMs: 1 },
  };
  return { type: 'answer', answer, intake: taken };
}

function statusCards(question: string, sectionIds: string[]): Answered {
  const cards = sectionIds.map((sectionId): StatusCard => ({ sectionId, label: `§${sectionId}`, title: sectionId, earlierChanges: 0, missing: false }));
  const reply: StatusReply = { kind: 'cards', cards, lang: 'zh-Hant', text: '' };
  return { type: 'status', reply, intake: intake(question) };
}

const WATER: Exchange = { question: '水資源合作有哪些安排?', citations: ['4.2.12'] };

describe('exchangeToRemember: the one follow-up policy', () => {
  it('remembers a first question as the engine read it, with the sections cited', () => {
    expect(exchangeToRemember(undefined, answered('水資源合作有哪些安排?', ['4.2.12']))).toEqual(WATER);
  });

  it('chains a follow-up that points back or asks for more to the topic it continues', () => {
    const funding = exchangeToRemember(WATER, answered('它的資金從哪裡來?', ['5.2']));
    expect(funding).toEqual({ question: '水資源合作有哪些安排? 它的資金從哪裡來?', citations: ['5.2'] });
    // A follow-up of that follow-up still carries the water topic.
    expect(exchangeToRemember(funding, answered('具體有哪些措施?', ['5.2']))?.question).toBe('水資源合作有哪些安排? 它的資金從哪裡來? 具體有哪些措施?');
  });

  it('starts a new chain for a question that stands alone: no cue, or sections of its own', () => {
    expect(exchangeToRemember(WATER, answered('農業合作有哪些安排?', ['4.3.1']))?.question).toBe('農業合作有哪些安排?');
    expect(exchangeToRemember(WATER, answered('5.2 還有什麼?', ['5.2']))?.question).toBe('5.2 還有什麼?');
  });

  it('keeps the latest part of a long chain', () => {
    const long: Exchange = { question: '水'.repeat(REMEMBERED_CHARS), citations: ['4.2.12'] };
    const next = exchangeToRemember(long, answered('它的資金呢?', ['5.2']))!;
    expect(next.question).toHaveLength(REMEMBERED_CHARS);
    expect(next.question.endsWith(' 它的資金呢?')).toBe(true);
  });

  it('remembers nothing of an answer about nothing: abstained, help or greeting, refusal, a failed status lookup', () => {
    expect(exchangeToRemember(WATER, answered('火星有水嗎?', [], 'abstain'))).toBeUndefined();
    expect(exchangeToRemember(WATER, answered('你好', [], 'help'))).toBeUndefined();
    expect(exchangeToRemember(WATER, answered('寫一首詩', [], 'refusal'))).toBeUndefined();
    const failed: Answered = { type: 'status', reply: { kind: 'error', lang: 'zh-Hant', text: '資料庫無法使用' } as StatusReply, intake: intake('4.2.12 進展如何?') };
    expect(exchangeToRemember(WATER, failed)).toBeUndefined();
  });

  it('remembers a status card by the items it showed, and the question as read (addressing and spaces gone)', () => {
    expect(exchangeToRemember(undefined, statusCards('@PlanBot  4.2.12 進展如何? ', ['4.2.12']))).toEqual({ question: '4.2.12 進展如何?', citations: ['4.2.12'] });
  });

  it('reads a plain Assistant answer (no intake) by its own question', () => {
    const { answer } = answered('它的資金從哪裡來?', ['5.2']) as Extract<Answered, { type: 'answer' }>;
    expect(exchangeToRemember(WATER, { type: 'answer', answer })?.question).toBe('水資源合作有哪些安排? 它的資金從哪裡來?');
  });

  it('contextOf gives the engine the exchange as conversation context', () => {
    expect(contextOf(WATER)).toEqual({ previousQuestion: WATER.question, previousCitations: ['4.2.12'] });
    expect(contextOf(undefined)).toBeUndefined();
  });
});
