import type { KnowledgeBase } from '../index/knowledge-base.js';
import { findSectionReferences } from '../retrieval/section-ref.js';
import { continuesPrevious, refersBack } from '../text/follow-up-cues.js';
import { detectLanguage, type DetectedLanguage } from '../text/language.js';
import { questionText } from '../text/question.js';

/**
 * What the engine reads from a question before it searches: read once (Assistant.read)
 * and handed back to Assistant.ask, so the desk and the engine never parse it twice.
 */
export interface QuestionReading {
  /** The question's own words: control characters and chat addressing removed, whitespace collapsed. */
  cleaned: string;
  /** `cleaned`, cut to the Assistant's longest question. */
  question: string;
  truncated: boolean;
  /** Language and, for Chinese, script (zh-Hant / zh-Hans); read from the whole cleaned text. */
  language: DetectedLanguage;
  /** Sections `question` names (4.2.12, 第五部分), in index version `indexVersion`. */
  sections: string[];
  indexVersion: string;
  /** Follow-up cues: it points back ("its funding"), or it only asks for more of the same ("具體有哪些?"). */
  refersBack: boolean;
  continuesPrevious: boolean;
}

export function readQuestion(raw: string, kb: Pick<KnowledgeBase, 'section' | 'version'>, maxChars: number): QuestionReading {
  const cleaned = questionText(String(raw ?? ''));
  const question = cleaned.length > maxChars ? cleaned.slice(0, maxChars) : cleaned;
  return {
    cleaned,
    question,
    truncated: question !== cleaned,
    language: detectLanguage(cleaned),
    sections: findSectionReferences(question, (id) => kb.section(id) !== undefined),
    indexVersion: kb.version,
    refersBack: refersBack(question),
    continuesPrevious: continuesPrevious(question),
  };
}
