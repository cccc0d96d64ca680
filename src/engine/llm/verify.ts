import { normalizeForSearch } from '../text/normalize.js';
import { claimTerms, MIN_CLAIM_TERMS, MIN_SUPPORT, sectionWords, supportScore, type SectionWords, type TermWeight } from './support.js';

/** A section a marker may cite, with every text a quote may come from (original, title, translations). */
export interface CitableSection {
  id: string;
  texts: readonly string[];
}

type RemovalReason = 'not-retrieved' | 'quote-not-found' | 'not-supported';

export interface VerifiedText {
  /** The reply with only verified markers left, written canonically as [§id]. */
  text: string;
  /** Verified section ids, in order of first appearance. */
  cited: string[];
  removed: { id: string; reason: RemovalReason }[];
  /** Sentences dropped because none of their markers held (their words would otherwise pass as the plan's). */
  droppedClaims: number;
}

export interface VerifyOptions {
  /** The plan's IDF per search term (KnowledgeBase.bm25.idf); default: every term weighs the same. */
  termWeight?: TermWeight;
}

/** [§4.2.3], ［§4.2.3］, 【§4.2.3】, [§4.2.3, §4.2.4], [§ 4.2.3、4.2.4]. */
const MARKER = /[[［【]\s*§\s*([^\]］】\n]{1,80}?)\s*[\]］】]/g;
const SECTION_ID = /\b(p\d+|\d+(?:\.\d+)*)\b/g;
/** A section number outside a marker: "§9.9" in prose looks like a citation too. */
const BARE_REFERENCE = /§\s*(p\d+|\d+(?:\.\d+)*)/g;
/** Quoted phrases: 「…」 『…』 “…” "…". */
const QUOTES = /「([^」\n]{1,600})」|『([^』\n]{1,600})』|“([^”\n]{1,600})”|"([^"\n]{1,600})"/g;
/** Quotes shorter than this (after normalization) are not checked: one or two characters prove nothing either way. */
const MIN_QUOTE = 3;
/** Where a sentence ends: the claim a marker vouches for is the sentence it closes. */
const SENTENCE_END = /[。！？!?；;\n]|\.(?=\s)/g;
/** What follows a dropped sentence's markers and would be left dangling. */
const DANGLING = /^[ \t]*[。！？!?；;.,，、]?/;

/** Quote keys of each section's texts, computed once per section (normalization is the costly part). */
const keysCache = new WeakMap<CitableSection, string[]>();
function quoteKeysOf(section: CitableSection): string[] {
  let keys = keysCache.get(section);
  if (!keys) {
    keys = section.texts.map(quoteKey);
    keysCache.set(section, keys);
  }
  return keys;
}

/** Words of each section, computed once per section list (a streamed reply is checked many times). */
const wordsCache = new WeakMap<CitableSection, SectionWords>();
function wordsOf(section: CitableSection): SectionWords {
  let words = wordsCache.get(section);
  if (!words) {
    words = sectionWords(section.texts);
    wordsCache.set(section, words);
  }
  return words;
}

/** Letters and digits only, in the search normal form: quotes match across punctuation, spacing, script and case. */
function quoteKey(text: string): string {
  return normalizeForSearch(text).replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Checks every citation marker of a model reply; a citation must be earned. A
 * marker's id must be one of the sections the model was given, and the sentence it
 * closes must be supported by that section: a phrase it quotes is found there
 * (original or translation, after normalization), or, when it quotes nothing, most
 * of its distinctive terms (IDF-weighted) are. Markers that fail are removed, and
 * only sentences that keep a marker are shown: a sentence whose markers all failed,
 * or that has none, would otherwise be shown as the plan's words. Section numbers in
 * prose that name no given section are removed. The check of a marker depends only
 * on the text before it, so checking a streamed prefix gives the same markers and
 * sentences as checking the whole reply.
 */
export function verifyCitations(reply: string, sections: readonly CitableSection[], options: VerifyOptions = {}): VerifiedText {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const haystacks = new Map(sections.map((s) => [s.id, quoteKeysOf(s)]));
  const found = (id: string, quote: string) => haystacks.get(id)?.some((h) => h.includes(quote)) ?? false;
  const markers = [...reply.matchAll(MARKER)];
  const cited: string[] = [];
  const removed: VerifiedText['removed'] = [];
  let droppedClaims = 0;
  let out = '';
  let cursor = 0; // end of the previous marker group in `reply`
  let copied = 0; // how far `reply` has been copied to `out`
  for (let i = 0; i < markers.length; ) {
    // Markers side by side ([§a][§b]) share the claim before them.
    let j = i + 1;
    while (j < markers.length && /^\s*$/.test(reply.slice(markers[j - 1]!.index! + markers[j - 1]![0].length, markers[j]!.index!))) j++;
    const group = markers.slice(i, j);
    const start = group[0]!.index!;
    const end = group.at(-1)!.index! + group.at(-1)![0].length;
    const claimStart = claimStartIn(reply, cursor, start);
    const claim = reply.slice(claimStart, start);
    const quotes = [...claim.matchAll(QUOTES)].map((m) => quoteKey(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '')).filter((q) => q.length >= MIN_QUOTE);
    const ids = [...new Set(group.flatMap((m) => [...m[1]!.matchAll(SECTION_ID)].map((x) => x[1]!)))];
    const given = ids.filter((id) => haystacks.has(id));
    for (const id of ids) if (!haystacks.has(id)) removed.push({ id, reason: 'not-retrieved' });
    let kept: string[];
    if (quotes.length > 0) {
      // Every quoted phrase must be vouched for by one of the cited sections, or none of them stands.
      const allQuotesFound = quotes.every((q) => given.some((id) => found(id, q)));
      kept = given.filter((id) => allQuotesFound && quotes.some((q) => found(id, q)));
      for (const id of given) if (!kept.includes(id)) removed.push({ id, reason: 'quote-not-found' });
    } else {
      const terms = claimTerms(stripBareReferences(claim, new Map()));
      kept = given.filter((id) => terms.length > 0 && supportScore(terms, wordsOf(byId.get(id)!), options.termWeight) >= MIN_SUPPORT);
      for (const id of given) if (!kept.includes(id)) removed.push({ id, reason: 'not-supported' });
    }
    for (const id of kept) if (!cited.includes(id)) cited.push(id);

    const after = DANGLING.exec(reply.slice(end))?.[0] ?? '';
    if (kept.length > 0) {
      // Text between checked sentences that no marker vouches for is not shown: only its line breaks stay.
      const skipped = reply.slice(copied, claimStart) + (claim.match(/^\s*/)?.[0] ?? '');
      const separator = out === '' ? '' : /\n/.test(skipped) ? skipped.replace(/[^\n]/g, '').slice(0, 2) : /\s/.test(skipped) ? ' ' : '';
      out += separator + stripBareReferences(claim.trimStart(), haystacks) + kept.map((id) => `[§${id}]`).join('') + after.trim();
    } else {
      droppedClaims++;
    }
    copied = end + after.length;
    cursor = copied;
    i = j;
  }
  return { text: tidy(out), cited, removed, droppedClaims };
}

/**
 * Where the claim of a marker at `start` begins: the start of the sentence the marker
 * closes (never before the previous marker), or the previous marker's end when that
 * sentence alone has too few terms to check ("如下:[§4.2.3]").
 */
function claimStartIn(reply: string, cursor: number, start: number): number {
  const span = reply.slice(cursor, start);
  let last = -1;
  for (const m of span.trimEnd().matchAll(SENTENCE_END)) last = m.index! + m[0].length;
  if (last <= 0) return cursor;
  return claimTerms(span.slice(last)).length >= MIN_CLAIM_TERMS ? cursor + last : cursor;
}

function stripBareReferences(text: string, given: ReadonlyMap<string, unknown>): string {
  return text.replace(BARE_REFERENCE, (whole, id: string) => (given.has(id) ? whole : ''));
}

function tidy(text: string): string {
  return text
    .replace(/^[ \t]*[。！？!?；;.,，、]+/, '')
    .replace(/[ \t]+([,.;:!?，。；：！？、）)])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    // A clause whose continuation was dropped ends the text: no comma left hanging.
    .replace(/[,，、;；:：]+$/, '');
}

/**
 * The part of a streamed reply that is safe to show: an unfinished marker or section
 * number at the end is held back until it is complete, so a marker is shown only
 * once it can be checked.
 */
export function completedPrefix(partial: string): string {
  const open = Math.max(partial.lastIndexOf('['), partial.lastIndexOf('［'), partial.lastIndexOf('【'));
  if (open >= 0 && !/[\]］】]/.test(partial.slice(open)) && partial.length - open <= 80) return partial.slice(0, open);
  return partial.replace(/§[\s\d.p]*$/, '');
}

/**
 * How much of a streamed reply verification can show: up to its last marker and the
 * punctuation after it. Text beyond it is not shown until the next marker, so a
 * streamed reply needs checking again only when this grows.
 */
export function checkableLength(partial: string): number {
  let end = 0;
  for (const m of partial.matchAll(MARKER)) end = m.index! + m[0].length;
  return end === 0 ? 0 : end + (DANGLING.exec(partial.slice(end))?.[0].length ?? 0);
}
