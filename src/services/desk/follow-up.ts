import type { Answer, ConversationContext } from '../../engine/answer/types.js';
import { continuesPrevious } from '../../engine/text/follow-up-cues.js';
import type { StatusReply } from '../status/service.js';
import type { QuestionIntake } from './intake.js';

/** What a conversation remembers of an exchange, for the follow-up that may come next. */
export interface Exchange {
  /** The question as the engine read it, with the topic it continued (see exchangeToRemember). */
  question: string;
  /** The sections the reply cited or showed. */
  citations: string[];
}

/** What was just answered: a DeskAnswer, or a plain Assistant answer (a chat that asks the engine itself). */
export type Answered = { type: 'answer'; answer: Answer; intake?: QuestionIntake } | { type: 'status'; reply: StatusReply; intake: QuestionIntake };

/** Longest question text remembered: a chain of follow-ups keeps its latest part. */
export const REMEMBERED_CHARS = 400;

/**
 * The one follow-up policy of every front end. After `answered`, a conversation remembers:
 * - nothing for a reply that is about nothing (abstained, help, greeting, refusal, a failed status lookup);
 * - otherwise the question as the engine read it and the sections the reply cited, where the
 *   question is the previous one chained with the new one when the new one was itself a
 *   follow-up (it points back or asks for more, and names no section of its own), capped at
 *   REMEMBERED_CHARS from the end — so a follow-up of a follow-up still knows the topic,
 *   and a new topic starts a new chain.
 */
export function exchangeToRemember(previous: Exchange | undefined, answered: Answered): Exchange | undefined {
  const citations = citationsOf(answered);
  if (!citations) return undefined;
  const question = answered.type === 'answer' ? answered.answer.question : answered.intake.reading.question;
  const chained = previous && leansOnPrevious(answered) ? `${previous.question} ${question}`.slice(-REMEMBERED_CHARS) : question;
  return { question: chained, citations };
}

/** The context the engine reads a follow-up of `exchange` in. */
export function contextOf(exchange: Exchange | undefined): ConversationContext | undefined {
  return exchange ? { previousQuestion: exchange.question, previousCitations: [...exchange.citations] } : undefined;
}

function citationsOf(answered: Answered): string[] | undefined {
  if (answered.type === 'status') return answered.reply.kind === 'cards' ? answered.reply.cards.map((c) => c.sectionId) : undefined;
  const { answer } = answered;
  if (answer.abstained || answer.kind === 'help' || answer.kind === 'refusal') return undefined;
  return answer.citations.map((c) => c.sectionId);
}

/** The intake's follow-up cues; a plain answer without an intake is read from its question. */
function leansOnPrevious(answered: Answered): boolean {
  const reading = answered.intake?.reading;
  if (!reading) return answered.type === 'answer' && answered.answer.kind !== 'section' && continuesPrevious(answered.answer.question);
  return reading.sections.length === 0 && reading.continuesPrevious;
}
