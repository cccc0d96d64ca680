/** Telegram rejects messages longer than this (counted after entity parsing; we count the HTML, which is longer). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

interface OpenTag {
  name: string;
  /** The opening tag exactly as written, to reopen it in the next message. */
  raw: string;
}

/** How good a cut is: paragraph breaks first, then line breaks, sentence ends, pauses (commas, spaces), anywhere. */
enum CutQuality {
  Anywhere = 0,
  Pause = 1,
  Sentence = 2,
  LineNested = 3,
  Line = 4,
  ParagraphNested = 5,
  Paragraph = 6,
}

const SENTENCE_END = /[。!?;!?;.]/u;
const PAUSE = /[,,、::\s]/u;

/**
 * Splits Telegram HTML into messages of at most `max` characters. Cuts fall on
 * paragraph boundaries when there are any (else line breaks, sentence ends…),
 * keeping each message at least half full, and never inside a tag or an entity:
 * a tag still open at a cut is closed at the end of one message and reopened at
 * the start of the next, so every message is well-formed on its own.
 */
export function splitHtml(html: string, max = TELEGRAM_MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let rest = html.trim();
  while (rest.length > max) {
    const cut = findCut(rest, max);
    messages.push(rest.slice(0, cut.at).trimEnd() + closeTags(cut.open));
    rest = reopenTags(cut.open) + rest.slice(cut.at).replace(/^\s+/, '');
  }
  if (rest.trim()) messages.push(rest);
  return messages;
}

function closeTags(open: readonly OpenTag[]): string {
  return open
    .slice()
    .reverse()
    .map((t) => `</${t.name}>`)
    .join('');
}

function reopenTags(open: readonly OpenTag[]): string {
  return open.map((t) => t.raw).join('');
}

/** The best place to cut `html` so that the first part (with its closing tags) fits in `max`. */
function findCut(html: string, max: number): { at: number; open: OpenTag[] } {
  const stack: OpenTag[] = [];
  // The best cut in the second half of the room wins; a cut early on (a heading alone) only when there is no other.
  let best: { at: number; open: OpenTag[]; quality: CutQuality } | undefined;
  let bestEarly: typeof best;
  let closingLength = 0;
  let seenText = false;
  let i = 0;
  while (i < html.length) {
    // A candidate cut before position i, if the text so far (plus closing tags) fits.
    if (seenText && i + closingLength <= max) {
      const quality = qualityAt(html, i, stack.length);
      if (quality !== undefined && i >= max / 2 && (!best || quality >= best.quality)) best = { at: i, open: stack.slice(), quality };
      if (quality !== undefined && (!bestEarly || quality >= bestEarly.quality)) bestEarly = { at: i, open: stack.slice(), quality };
    }
    if (i > max) break;
    const ch = html[i]!;
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) throw new Error('splitHtml: unterminated tag');
      const tag = html.slice(i, end + 1);
      const name = /^<\/?\s*([a-zA-Z][\w-]*)/.exec(tag)?.[1]?.toLowerCase() ?? '';
      if (tag.startsWith('</')) {
        const top = stack.pop();
        if (top) closingLength -= top.name.length + 3;
      } else {
        stack.push({ name, raw: tag });
        closingLength += name.length + 3;
      }
      i = end + 1;
    } else if (ch === '&') {
      const end = html.indexOf(';', i);
      i = end > i && end - i <= 10 ? end + 1 : i + 1;
      seenText = true;
    } else {
      // Never split a surrogate pair (emoji, rare Han characters).
      const code = html.charCodeAt(i);
      i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      if (!/\s/.test(ch)) seenText = true;
    }
  }
  const cut = best ?? bestEarly;
  if (!cut) throw new Error(`splitHtml: no place to cut within ${max} characters`);
  return cut;
}

/** Quality of a cut before position i, or undefined when i is not a place to cut (right after an opening tag). */
function qualityAt(html: string, i: number, depth: number): CutQuality | undefined {
  const prev = html[i - 1]!;
  if (prev === '>' && !/<\/[^<>]*>$/.test(html.slice(Math.max(0, i - 40), i))) return undefined;
  if (prev === ';' && /&#?\w+;$/.test(html.slice(Math.max(0, i - 12), i))) return CutQuality.Anywhere; // after an entity such as &amp;
  const nested = depth > 0;
  if (prev === '\n' && html[i - 2] === '\n') return nested ? CutQuality.ParagraphNested : CutQuality.Paragraph;
  if (prev === '\n') return nested ? CutQuality.LineNested : CutQuality.Line;
  if (SENTENCE_END.test(prev)) return CutQuality.Sentence;
  if (PAUSE.test(prev)) return CutQuality.Pause;
  return CutQuality.Anywhere;
}
