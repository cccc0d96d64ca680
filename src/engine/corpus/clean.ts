/** A line of the source with its position, so sections can point back into the original file. */
export interface SourceLine {
  text: string;
  start: number;
  end: number;
}

/**
 * Splits a source text into its non-empty lines, dropping those that match a
 * cleaning rule (platform boilerplate of copied web articles). The source text
 * itself is never edited: offsets still point into it.
 */
export function cleanLines(source: string, dropRules: readonly string[]): SourceLine[] {
  const rules = dropRules.map((r) => new RegExp(r, 'u'));
  const lines: SourceLine[] = [];
  const pattern = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(source)) !== null) {
    if (match[0] === '') break;
    const raw = match[0].replace(/[\r\n]+$/, '');
    const leading = raw.length - raw.trimStart().length;
    const text = raw.trim();
    const start = match.index + leading;
    if (text && !rules.some((rule) => rule.test(text))) {
      lines.push({ text, start, end: start + text.length });
    }
  }
  return lines;
}

/** Removes a UTF-8 byte-order mark, which some editors add. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
