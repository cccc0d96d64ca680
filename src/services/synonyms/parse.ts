import { normalizeForSearch, stripControlChars, toHalfWidth } from '../../engine/text/normalize.js';
import { searchTerms } from '../../engine/text/segment.js';

/**
 * What an admin types to teach a synonym: `term = target`, e.g. `颱風 = 災害`,
 * `颱風=災害`, `typhoon = 災害`, or several targets `颱風 = 災害, 防災` (each kept as
 * its own pair). Full-width `＝` and `,`, `、`, `;` work as typed on a Chinese
 * keyboard. The term is the asker's word; a target is the plan's word it stands for.
 */
export interface SynonymPairs {
  term: string;
  targets: string[];
}

/** A normalized form: the key two spellings of one word share (颱風 and 台风). */
export function synonymKey(text: string): string {
  return normalizeForSearch(text).replace(/\s+/g, ' ').trim();
}

export type SynonymInputError =
  | { error: 'usage' }
  | { error: 'emptyTerm' }
  | { error: 'emptyTarget' }
  | { error: 'tooLong'; word: string; max: number }
  | { error: 'tooManyTargets'; max: number }
  | { error: 'sameWord'; word: string }
  | { error: 'noWords'; word: string };

const MAX_SYNONYM_CHARS = 40;
const MAX_TARGETS = 5;

const TARGET_SEPARATORS = /[,、;;]/;

/** A word as stored: control characters removed, half-width forms, spaces collapsed. */
function cleanWord(text: string): string {
  return toHalfWidth(stripControlChars(text)).replace(/\s+/g, ' ').trim();
}

/** Parses and checks `term = target[, target…]`; nothing here needs the index (see SynonymService for that). */
export function parseSynonymPairs(input: string): SynonymPairs | SynonymInputError {
  const text = toHalfWidth(stripControlChars(input)).replace(/[\r\n\t]+/g, ' ');
  const parts = text.split('=');
  if (parts.length !== 2) return { error: 'usage' };
  const term = cleanWord(parts[0]!);
  if (!term) return { error: 'emptyTerm' };
  const targets = [...new Set(parts[1]!.split(TARGET_SEPARATORS).map(cleanWord).filter(Boolean))];
  if (targets.length === 0) return { error: 'emptyTarget' };
  if (targets.length > MAX_TARGETS) return { error: 'tooManyTargets', max: MAX_TARGETS };
  for (const word of [term, ...targets]) {
    if (word.length > MAX_SYNONYM_CHARS) return { error: 'tooLong', word: `${word.slice(0, MAX_SYNONYM_CHARS)}…`, max: MAX_SYNONYM_CHARS };
    // A word made only of punctuation or of words too common to search (的, the) would match everything or nothing.
    if (searchTerms(word).length === 0) return { error: 'noWords', word };
  }
  const termKey = synonymKey(term);
  const same = targets.find((t) => synonymKey(t) === termKey);
  if (same) return { error: 'sameWord', word: same };
  return { term, targets };
}

export function isSynonymInputError(value: SynonymPairs | SynonymInputError): value is SynonymInputError {
  return 'error' in value;
}
