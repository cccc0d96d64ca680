/**
 * A readable diff of two texts for admins: Chinese is compared character by
 * character, other scripts word by word, through a longest-common-subsequence
 * table. Tiny unchanged islands between two edits are folded into the edit so
 * the result reads as phrases ("[-加強-]{+深化+}"), not as confetti.
 */

export type DiffOp = { type: 'equal' | 'removed' | 'added'; text: string };

/** Above this many table cells the middle part is shown as one replacement (keeps memory bounded). */
const MAX_CELLS = 4_000_000;

/** Han characters one by one; Latin words, numbers and spaces as runs; any other character alone. */
function diffTokens(text: string): string[] {
  return text.match(/\p{Script=Han}|[\p{L}\p{N}_]+|\s+|[^\p{Script=Han}\p{L}\p{N}_\s]/gu) ?? [];
}

export function diffTexts(before: string, after: string): DiffOp[] {
  const a = diffTokens(before);
  const b = diffTokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  const push = (type: DiffOp['type'], text: string) => {
    if (!text) return;
    const last = ops.at(-1);
    if (last && last.type === type) last.text += text;
    else ops.push({ type, text });
  };
  push('equal', a.slice(0, start).join(''));
  for (const op of middleDiff(a.slice(start, endA), b.slice(start, endB))) push(op.type, op.text);
  push('equal', a.slice(endA).join(''));
  return foldSmallIslands(ops);
}

function middleDiff(a: string[], b: string[]): DiffOp[] {
  if (a.length === 0 || b.length === 0 || (a.length + 1) * (b.length + 1) > MAX_CELLS) {
    return [
      { type: 'removed', text: a.join('') },
      { type: 'added', text: b.join('') },
    ].filter((op) => op.text) as DiffOp[];
  }
  // lcs[i][j] = length of the LCS of a[i..] and b[j..], in one flat table.
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const ops: DiffOp[] = [];
  const push = (type: DiffOp['type'], text: string) => {
    const last = ops.at(-1);
    if (last && last.type === type) last.text += text;
    else ops.push({ type, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('equal', a[i]!);
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) {
      push('removed', a[i++]!);
    } else {
      push('added', b[j++]!);
    }
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  return ops;
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
