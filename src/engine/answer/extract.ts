import { splitSentences } from '../corpus/chunk.js';
import { normalizeForSearch } from '../text/normalize.js';
import { termCredit } from '../retrieval/term-match.js';

/** Sections this short are quoted whole: a sentence picked from them would say no more. */
const WHOLE_SECTION_CHARS = 160;
const MAX_QUOTE_CHARS = 240;

// Sections are quoted again and again: their sentences are normalized once (bounded memo).
const normalizedSentences = new Map<string, string>();
const MAX_NORMALIZED = 20_000;

function normalizedSentence(sentence: string): string {
  let normalized = normalizedSentences.get(sentence);
  if (normalized === undefined) {
    if (normalizedSentences.size >= MAX_NORMALIZED) normalizedSentences.clear();
    normalized = normalizeForSearch(sentence);
    normalizedSentences.set(sentence, normalized);
  }
  return normalized;
}

function score(sentence: string, terms: readonly string[]): number {
  const normalized = normalizedSentence(sentence);
  return terms.reduce((sum, term) => sum + termCredit(term, normalized), 0);
}

/**
 * The most relevant contiguous passage of a section for a question. The result is
 * always a verbatim substring of `text`: sentences are located in the text, never
 * rebuilt. A heading sentence (the section's title) is skipped when there is more.
 */
export function bestPassage(text: string, title: string, terms: readonly string[]): string {
  const sentences = splitSentences(text);
  const body = sentences.length > 1 && normalizeForSearch(sentences[0]!).startsWith(normalizeForSearch(title)) && sentences[0]!.length <= title.length + 2
    ? sentences.slice(1)
    : sentences;
  if (body.length === 0) return text.trim();
  const bodyStart = text.indexOf(body[0]!);
  const bodyText = text.slice(bodyStart).trim();
  if (bodyText.length <= WHOLE_SECTION_CHARS) return bodyText;

  let best = 0;
  let bestScore = -1;
  body.forEach((s, i) => {
    const sc = score(s, terms);
    if (sc > bestScore) [best, bestScore] = [i, sc];
  });
  // Extend with the following sentence while it fits: a claim often spans two.
  let end = best + 1;
  while (end < body.length && spanLength(text, body, best, end + 1) <= MAX_QUOTE_CHARS) end++;
  return span(text, body, best, end);
}

function span(text: string, sentences: string[], from: number, to: number): string {
  const start = text.indexOf(sentences[from]!);
  let cursor = start;
  for (let i = from; i < to; i++) cursor = text.indexOf(sentences[i]!, cursor) + sentences[i]!.length;
  return text.slice(start, cursor);
}

function spanLength(text: string, sentences: string[], from: number, to: number): number {
  return span(text, sentences, from, to).length;
}
