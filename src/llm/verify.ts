import { normalizeForSearch } from '../text/normalize.js';

/** A section a marker may cite, with every text a quote may come from (original, title, translations). */
export interface CitableSection {
  id: string;
  texts: readonly string[];
}

export type RemovalReason = 'not-retrieved' | 'quote-not-found';

export interface VerifiedText {
  /** The reply with only verified markers left, written canonically as [§id]. */
  text: string;
  /** Verified section ids, in order of first appearance. */
  cited: string[];
  removed: { id: string; reason: RemovalReason }[];
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

/** Letters and digits only, in the search normal form: quotes match across punctuation, spacing, script and case. */
export function quoteKey(text: string): string {
  return normalizeForSearch(text).replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Checks every citation marker of a model reply. A marker's id must be one of the
 * sections the model was given; and a phrase quoted before it must appear in that
 * section (original or translation, after normalization). Markers that fail are
 * removed, as are section numbers in prose that name no given section. The check of
 * a marker depends only on the text before it, so checking a streamed prefix gives
 * the same markers as checking the whole reply.
 */
export function verifyCitations(reply: string, sections: readonly CitableSection[]): VerifiedText {
  const haystacks = new Map(sections.map((s) => [s.id, s.texts.map(quoteKey)]));
  const found = (id: string, quote: string) => haystacks.get(id)?.some((h) => h.includes(quote)) ?? false;
  const markers = [...reply.matchAll(MARKER)];
  const cited: string[] = [];
  const removed: VerifiedText['removed'] = [];
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
    const claim = reply.slice(cursor, start);
    const quotes = [...claim.matchAll(QUOTES)].map((m) => quoteKey(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '')).filter((q) => q.length >= MIN_QUOTE);
    const ids = [...new Set(group.flatMap((m) => [...m[1]!.matchAll(SECTION_ID)].map((x) => x[1]!)))];
    const given = ids.filter((id) => haystacks.has(id));
    for (const id of ids) if (!haystacks.has(id)) removed.push({ id, reason: 'not-retrieved' });
    // Every quoted phrase must be vouched for by one of the cited sections, or none of them stands.
    const allQuotesFound = quotes.every((q) => given.some((id) => found(id, q)));
    const kept = given.filter((id) => allQuotesFound && (quotes.length === 0 || quotes.some((q) => found(id, q))));
    for (const id of given) if (!kept.includes(id)) removed.push({ id, reason: 'quote-not-found' });
    for (const id of kept) if (!cited.includes(id)) cited.push(id);

    out += stripBareReferences(reply.slice(copied, start), haystacks);
    if (kept.length > 0) out += kept.map((id) => `[§${id}]`).join('');
    else out = out.replace(/[ \t]+$/, ''); // no space left dangling where a marker was
    copied = end;
    cursor = end;
    i = j;
  }
  out += stripBareReferences(reply.slice(copied), haystacks);
  return { text: tidy(out), cited, removed };
}

function stripBareReferences(text: string, given: ReadonlyMap<string, unknown>): string {
  return text.replace(BARE_REFERENCE, (whole, id: string) => (given.has(id) ? whole : ''));
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]+([,.;:!?，。；：！？、）)])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
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
