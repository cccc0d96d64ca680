import { type ChangeObject, diffArrays } from 'diff';

/**
 * A readable diff of two texts for admins: Chinese is compared character by
 * character, other scripts word by word (jsdiff's Myers diff over those tokens).
 * Tiny unchanged islands between two edits are then folded into the edit so
 * the result reads as phrases ("[-加強-]{+深化+}"), not as confetti.
 */

export type DiffOp = { type: 'equal' | 'removed' | 'added'; text: string };

/** Beyond this many token edits the changed middle is shown as one replacement (keeps time and memory bounded). */
const MAX_EDIT_LENGTH = 2_000;

/** Han characters one by one; Latin words, numbers and spaces as runs; any other character alone. */
function diffTokens(text: string): string[] {
  return text.match(/\p{Script=Han}|[\p{L}\p{N}_]+|\s+|[^\p{Script=Han}\p{L}\p{N}_\s]/gu) ?? [];
}

export function diffTexts(before: string, after: string): DiffOp[] {
  const a = diffTokens(before);
  const b = diffTokens(after);
  // The common start and end are taken whole first, so an edit next to them sits as far left as it can
  // ("4.[-2-]{+5+}.1", not "4.[-2.-]{+5.+}1"), as the hand-written diff before jsdiff placed it.
  const { start, endA, endB } = commonEnds(a, b);
  const middle = diffArrays(a.slice(start, endA), b.slice(start, endB), { maxEditLength: MAX_EDIT_LENGTH });
  const ops: DiffOp[] = [
    { type: 'equal', text: a.slice(0, start).join('') },
    // Too many edits to align: the middle is shown replaced whole.
    ...(middle?.map(toOp) ?? [
      { type: 'removed' as const, text: a.slice(start, endA).join('') },
      { type: 'added' as const, text: b.slice(start, endB).join('') },
    ]),
    { type: 'equal', text: a.slice(endA).join('') },
  ];
  return foldSmallIslands(ops);
}

function toOp(change: ChangeObject<string[]>): DiffOp {
  return { type: change.removed ? 'removed' : change.added ? 'added' : 'equal', text: change.value.join('') };
}

/** Length of the common start, and where the common end begins in each token list. */
function commonEnds(a: readonly string[], b: readonly string[]): { start: number; endA: number; endB: number } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { start, endA, endB };
}

/** Keeps removed-before-added order inside each changed stretch, merging neighbours of one kind. */
function normalize(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ type: 'removed', text: removed });
    if (added) out.push({ type: 'added', text: added });
    removed = added = '';
  };
  for (const op of ops) {
    if (op.type === 'removed') removed += op.text;
    else if (op.type === 'added') added += op.text;
    else if (op.text) {
      flush();
      const last = out.at(-1);
      if (last?.type === 'equal') last.text += op.text;
      else out.push({ ...op });
    }
  }
  flush();
  return out;
}

/** An unchanged run of one or two characters between two edits becomes part of both sides of the edit. */
function foldSmallIslands(ops: DiffOp[]): DiffOp[] {
  let current = normalize(ops);
  for (;;) {
    let folded = false;
    const next: DiffOp[] = [];
    for (let k = 0; k < current.length; k++) {
      const op = current[k]!;
      const before = current[k - 1];
      const after = current[k + 1];
      const island = op.type === 'equal' && [...op.text.trim()].length <= 2 && before && before.type !== 'equal' && after && after.type !== 'equal';
      if (island) {
        next.push({ type: 'removed', text: op.text }, { type: 'added', text: op.text });
        folded = true;
      } else {
        next.push(op);
      }
    }
    current = normalize(next);
    if (!folded) return current;
  }
}

/** '加強標準化、[-計量-]{+檢驗檢疫+}合作' — the conventional word-diff notation. */
export function renderInlineDiff(ops: readonly DiffOp[]): string {
  return ops.map((op) => (op.type === 'equal' ? op.text : op.type === 'removed' ? `[-${op.text}-]` : `{+${op.text}+}`)).join('');
}

/**
 * Short before/after excerpts around the first edit, `width` characters at most
 * each, for a summary line: "…標準化、計量、反壟斷合作" → "…標準化、檢驗檢疫、反壟斷合作".
 */
export function changeExcerpt(ops: readonly DiffOp[], width = 60): { before: string; after: string } {
  const firstEdit = ops.findIndex((op) => op.type !== 'equal');
  if (firstEdit < 0) {
    const all = ops.map((op) => op.text).join('');
    return { before: clip(all, width), after: clip(all, width) };
  }
  let lastEdit = firstEdit;
  while (lastEdit + 1 < ops.length && ops[lastEdit + 1]!.type !== 'equal') lastEdit++;
  const context = Math.max(8, Math.floor(width / 4));
  const lead = ops[firstEdit - 1]?.type === 'equal' ? ops[firstEdit - 1]!.text : '';
  const tail = ops[lastEdit + 1]?.type === 'equal' ? ops[lastEdit + 1]!.text : '';
  const leadChars = [...lead];
  const prefix = (leadChars.length > context ? '…' : '') + leadChars.slice(-context).join('');
  const edits = ops.slice(firstEdit, lastEdit + 1);
  const side = (type: 'removed' | 'added') => {
    const middle = edits.filter((op) => op.type === type).map((op) => op.text).join('');
    return clip(`${prefix}${middle}${tail}`, width);
  };
  return { before: side('removed'), after: side('added') };
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= width ? flat : `${chars.slice(0, width - 1).join('')}…`;
}
