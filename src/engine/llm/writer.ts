import type OpenAI from 'openai';
import type { AnswerWriter, AnswerWriterInput } from '../answer/assistant.js';
import { composeExtractive } from '../answer/compose.js';
import { sourceStamp } from '../answer/translation.js';
import type { Answer, AnswerPart, AnswerUsage } from '../answer/types.js';
import type { Logger } from 'pino';
import type { RetrievedSection } from '../retrieval/retriever.js';
import { ChatFailure, completeChat } from './chat.js';
import { GRACE_MS, TIMED_OUT, raceUntil } from './deadline.js';
import { fallbackNote } from './notes.js';
import { buildAnswerMessages, documentTitle, type PromptSection } from './prompt.js';
import { isNewsPreamble, newsPreambleTitleForModel } from '../answer/document-labels.js';
import { scrubPartialReply, scrubReply } from './scrub.js';
import { wellFormed } from '../text/well-formed.js';
import { defangLinks } from './links.js';
import { checkableLength, completedPrefix, verifyCitations, type CitableSection } from './verify.js';

export interface LlmAnswerWriterOptions {
  client: OpenAI;
  model: string;
  /** LLM_TIMEOUT_MS: the model's time per question, counted from its arrival. */
  timeoutMs: number;
  maxTokens: number;
  log: Logger;
  /** Literal configuration values no reply may contain (the key, the server address). */
  secrets?: readonly string[];
  /** How many retrieved sections the model is given (the draft's citations always are). */
  maxSections?: number;
}

interface Given {
  hit: RetrievedSection;
  prompt: PromptSection;
}

type Outcome = 'written' | 'unverified' | 'failed';

/**
 * Words answers through an OpenAI-compatible chat model. The model sees the
 * question, the conversation and the retrieved sections; its reply keeps only
 * citation markers that check out against those sections. A reply with none left
 * gives way to the extractive draft; a failed or late model, to the draft with a
 * one-line note. Citations and quotes always come from the plan's own text.
 */
export class LlmAnswerWriter implements AnswerWriter {
  private readonly secrets: readonly string[];

  constructor(private readonly options: LlmAnswerWriterOptions) {
    this.secrets = options.secrets ?? [];
  }

  write(input: AnswerWriterInput): Promise<Answer | undefined> {
    return this.run(input, input.onText);
  }

  /** As write(), streaming: `onText` gets the checked reply text so far; the returned Answer is final. */
  writeStream(input: AnswerWriterInput, onText: (partialText: string) => void): Promise<Answer | undefined> {
    return this.run(input, onText);
  }

  private async run(input: AnswerWriterInput, onText?: (partialText: string) => void): Promise<Answer | undefined> {
    const { draft } = input;
    // Section lookups quote the section itself; abstentions and help stay fixed text.
    if (draft.kind !== 'answer') return undefined;
    const started = performance.now();
    const deadline = (input.startedAt ?? started) + this.options.timeoutMs;
    const given = this.givenSections(input);
    const citable: CitableSection[] = given.map(({ prompt }) => ({
      id: prompt.id,
      texts: [prompt.text, prompt.title, ...(prompt.translation ? [prompt.translation.text, prompt.translation.title] : [])],
    }));

    const termWeight = (term: string) => input.kb.bm25.idf(term);
    const planTexts = citable.flatMap((c) => c.texts);
    let open = true; // no partial text after the final answer went out
    let shown = '';
    let checkedUpTo = -1;
    let rawLength = 0;
    const preview = onText
      ? (raw: string) => {
          if (!open) return;
          if (raw.length < rawLength) checkedUpTo = -1; // a retry starts the text again
          rawLength = raw.length;
          // Only checked sentences come out of verification: a sentence is shown once its citation holds,
          // so the reply is checked again only when another marker has arrived (not at every piece).
          const partial = scrubPartialReply(completedPrefix(wellFormed(raw)), this.secrets);
          const checkable = checkableLength(partial);
          if (checkable === checkedUpTo) return;
          checkedUpTo = checkable;
          const checked = verifyCitations(partial.slice(0, checkable), citable, { termWeight });
          const text = checked.cited.length > 0 ? defangLinks(checked.text, planTexts) : '';
          if (!text || text === shown) return;
          shown = text;
          try {
            onText(text);
          } catch (err) {
            this.options.log.warn({ err: (err as Error).message }, 'streaming callback failed; the answer continues');
          }
        }
      : undefined;

    const messages = buildAnswerMessages({
      documentTitle: documentTitle(input.kb),
      question: input.question,
      ...(input.context ? { context: input.context } : {}),
      sections: given.map((g) => g.prompt),
      language: draft.language,
      ...(draft.languageCode ? { languageCode: draft.languageCode } : {}),
    });
    const work = completeChat(this.options.client, { model: this.options.model, messages, maxTokens: this.options.maxTokens }, { deadline, ...(preview ? { onText: preview } : {}) });
    let result: Awaited<typeof work> | typeof TIMED_OUT;
    try {
      result = await raceUntil(work, deadline + GRACE_MS);
    } catch (err) {
      open = false;
      const failure = err instanceof ChatFailure ? err : undefined;
      return this.fallback(draft, 'failed', started, { reason: failure?.reason ?? 'error', message: failure?.message ?? (err as Error).name }, failure?.usage);
    }
    open = false;
    if (result === TIMED_OUT) return this.fallback(draft, 'failed', started, { reason: 'timeout', message: 'no complete reply by the deadline' });

    const verified = verifyCitations(scrubReply(wellFormed(result.text), this.secrets), citable, { termWeight });
    const logged = { cited: verified.cited, removed: verified.removed, droppedSentences: verified.droppedClaims, chars: result.text.length };
    if (verified.cited.length === 0) return this.fallback(draft, 'unverified', started, logged, result.usage);

    const hits = verified.cited.map((id) => given.find((g) => g.prompt.id === id)!.hit);
    const composed = composeExtractive(input.kb, hits, input.retrieval.terms, draft.language, 'according');
    const wording = defangLinks(verified.text, planTexts);
    const text = result.finishReason === 'length' ? `${wording}…` : wording;
    // The model's wording replaces the intro; the verbatim passages and notes that follow it stay.
    const parts: AnswerPart[] = [...leadingNotes(draft.parts), { type: 'text', text }, ...composed.parts.slice(1)];
    this.logOutcome('written', started, logged, result.usage);
    return { ...draft, kind: 'answer', parts, citations: composed.citations, suggestions: [], abstained: false, usage: result.usage };
  }

  /** The top retrieved sections, the draft's citations always among them, each id once. */
  private givenSections(input: AnswerWriterInput): Given[] {
    const { retrieval, draft, kb } = input;
    const max = this.options.maxSections ?? 5;
    const cited = new Set(draft.citations.map((c) => `${c.docId}#${c.sectionId}`));
    const ranked = [...retrieval.results.filter((r) => cited.has(`${r.docId}#${r.section.id}`)), ...retrieval.results];
    const given: Given[] = [];
    for (const hit of ranked) {
      if (given.length >= Math.max(max, cited.size)) break;
      // Markers name a section by number only, so one document's section per number.
      if (given.some((g) => g.prompt.id === hit.section.id)) continue;
      const wantsTranslation = draft.language !== 'zh-Hant' && draft.language !== 'zh-Hans';
      const aligned = wantsTranslation ? kb.translation(hit.section.id, 'en', hit.docId) : undefined;
      // A translation older than the current text could put words in the plan's mouth.
      const translated = aligned && (aligned.sourceHash === undefined || aligned.sourceHash === sourceStamp(hit.section.text)) ? aligned : undefined;
      given.push({
        hit,
        prompt: {
          id: hit.section.id,
          docId: hit.docId,
          title: isNewsPreamble(kb, hit.docId, hit.section.id) ? newsPreambleTitleForModel(kb, hit.docId) : hit.section.title,
          text: hit.section.text,
          ...(translated ? { translation: { language: 'en', title: translated.title, text: translated.text } } : {}),
        },
      });
    }
    return given;
  }

  private fallback(draft: Answer, outcome: Outcome, started: number, details: Record<string, unknown>, usage?: AnswerUsage): Answer {
    this.logOutcome(outcome, started, details, usage);
    const counted = usage && usage.requests > 0 ? { usage } : {};
    if (outcome === 'unverified') return { ...draft, ...counted };
    return { ...draft, parts: [...draft.parts, { type: 'note', text: fallbackNote(draft.language) }], ...counted };
  }

  private logOutcome(outcome: Outcome, started: number, details: Record<string, unknown>, usage?: AnswerUsage): void {
    const entry = { model: this.options.model, outcome, ms: Math.round(performance.now() - started), usage, ...details };
    if (outcome === 'failed') this.options.log.warn(entry, 'llm answer failed; sent the extractive answer with a note');
    else if (outcome === 'unverified') this.options.log.info(entry, 'llm answer had no verifiable citation; sent the extractive answer');
    else this.options.log.info(entry, 'llm answer');
  }
}

function leadingNotes(parts: readonly AnswerPart[]): AnswerPart[] {
  const first = parts.findIndex((p) => p.type !== 'note');
  return first < 0 ? [...parts] : parts.slice(0, first);
}
