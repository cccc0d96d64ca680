import type { Assistant } from '../../engine/answer/assistant.js';
import type { QuestionReading } from '../../engine/answer/reading.js';
import { statusIntentSections } from '../status/intent.js';

/**
 * A question as the desk takes it in: read once, then handed to the status lookup, the
 * Assistant and the follow-up policy, none of which parses it again.
 */
export interface QuestionIntake {
  /** The engine's reading: cleaned text, language and script, sections named, follow-up cues. */
  reading: QuestionReading;
  /** The sections a progress question asks about ("4.2.12 進展如何?"): it gets status cards. Undefined for any other question. */
  statusSections?: string[];
}

/** Reads `question` (already well-formed) with the Assistant's own reader, in the index in service. */
export function takeIn(assistant: Pick<Assistant, 'read'>, question: string): QuestionIntake {
  const reading = assistant.read(question);
  const statusSections = statusIntentSections(reading.question, reading.sections);
  return { reading, ...(statusSections ? { statusSections } : {}) };
}
