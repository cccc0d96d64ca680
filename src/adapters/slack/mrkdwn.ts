/**
 * Slack's text format. Only `&`, `<` and `>` need escaping (Slack's own rule):
 * left raw, `<@U123>` or `<!channel>` in a question or the document would
 * become a real mention or a broadcast.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Incoming message text as the words the user typed: mentions, channels and
 * links become plain text, HTML entities are decoded. The bot's own mention is
 * dropped (it is how the question was addressed, not part of it).
 */
export function plainTextFromSlack(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_, inner: string) => {
      const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
      if (target.startsWith('@')) return target.slice(1) === botUserId ? '' : `@${label ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
      return label ?? target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Chinese and Latin sentence ends; a long text is cut after one of these when possible. */
const SENTENCE_END = /[。!?;!?;]|[.](?=\s)/g;

/**
 * Cuts mrkdwn into pieces of at most `max` characters: at line breaks first,
 * then at sentence ends, and only as a last resort mid-sentence. Entities such
 * as `&amp;` are never cut in half.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 16) throw new Error('splitText: max must be at least 16');
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) pieces.push(current.replace(/\n+$/, ''));
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    flush();
    if (line.length <= max) {
      current = line;
      continue;
    }
    for (const piece of splitLongLine(line, max)) {
      flush();
      current = piece;
    }
  }
  flush();
  return pieces;
}

function splitLongLine(line: string, max: number): string[] {
  // A quoted line keeps its "> " marker on every piece.
  const prefix = line.startsWith('> ') ? '> ' : '';
  const body = prefix ? line.slice(prefix.length) : line;
  const room = max - prefix.length;
  const out: string[] = [];
  let rest = body;
  while (rest.length > room) {
    let cut = lastSentenceEnd(rest, room);
    if (cut < room / 2) cut = safeCut(rest, room);
    out.push(prefix + rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(prefix + rest);
  return out;
}

function lastSentenceEnd(text: string, limit: number): number {
  let best = 0;
  for (const m of text.slice(0, limit).matchAll(SENTENCE_END)) best = m.index + m[0].length;
  return best;
}

/** A cut at `limit` or before, never inside an `&…;` entity or a surrogate pair. */
function safeCut(text: string, limit: number): number {
  let cut = limit;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}

/** Cuts plain text to `max` characters with an ellipsis (button labels, notification text). */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
