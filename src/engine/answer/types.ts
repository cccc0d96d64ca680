import type { Bridge } from '../retrieval/bridge.js';
import type { Lang } from '../text/language.js';

/** A cited section. `quote` is always a verbatim substring of the section's official text. */
export interface Citation {
  docId: string;
  sectionId: string;
  /** Heading as in the document, e.g. '貿易投資便利化'. */
  title: string;
  /** Display label: '§4.2.3 貿易投資便利化'; a news preamble as that article; prefixed by the document's name when there are several. */
  label: string;
  /** The document's title in the reader's language (its English title for English askers, when corpus.json has one). */
  docTitle: string;
  /** What opens the section again (buttons, /section): '4.2.3' in the main document, 'minutes:1.2' in another. */
  ref?: string;
  /** True for a news preamble (section "0" that corpus.json describes as a news article published with the plan). */
  preamble?: true;
  quote: string;
  /** Retrieval score (rank order is what matters). */
  score: number;
  /** The same passage in the asker's language when an aligned translation exists. */
  translation?: { language: string; title: string; quote: string; official: boolean; outdated: boolean };
}

/** Pieces of the reply text; front ends render each in their own format. */
export type AnswerPart =
  | { type: 'text'; text: string }
  /** A passage from the plan, followed by the citation of `sectionId`. */
  | { type: 'quote'; text: string; sectionId: string; docId: string; language: string }
  /** A short note (truncated question, translation notice, offline-language note). */
  | { type: 'note'; text: string };

export type Confidence = 'answer' | 'related' | 'none';

/** An Answer's confidence; for Answers made before it existed, read from `abstained`. */
export function confidenceOf(answer: Pick<Answer, 'confidence' | 'abstained'>): Confidence {
  return answer.confidence ?? (answer.abstained ? 'none' : 'answer');
}

type AnswerKind = 'answer' | 'section' | 'abstain' | 'help' | 'refusal';

export interface Answer {
  kind: AnswerKind;
  question: string;
  /** Language the reply is written in. */
  language: Lang;
  /** Detected language code when it is 'other' (th, vi, …). */
  languageCode?: string;
  parts: AnswerPart[];
  /** In rank order; empty when abstained or for help. */
  citations: Citation[];
  /** Nearest sections when abstaining (not claims, just pointers). */
  suggestions: Citation[];
  abstained: boolean;
  /**
   * How well the plan speaks to the question (always set by the Assistant):
   * 'answer' — in its own words or synonyms; 'related' — only through a broader or
   * related concept, a dictionary gloss, or partly: the closest sections are cited
   * and the reply says the plan does not use these words; 'none' — not covered
   * (then `abstained` is true). Greetings, help and section lookups are 'answer'.
   */
  confidence?: Confidence;
  /** How question words were carried to the plan's words, for the cited sections ("颱風 → 災害"). */
  bridges?: Bridge[];
  indexVersion: string;
  timings: { totalMs: number; retrievalMs: number };
  /** Tokens the language model spent on this answer (rewriting included), when one was asked. */
  usage?: AnswerUsage;
}

/** Token counts of the model requests behind one answer, summed. */
export interface AnswerUsage {
  model: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Requests sent, retries included. */
  requests: number;
}

/** Earlier exchange a follow-up refers to (a reply to the bot, a thread). */
export interface ConversationContext {
  previousQuestion?: string;
  previousCitations?: string[];
}
