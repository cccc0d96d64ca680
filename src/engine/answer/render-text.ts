import type { Answer } from './types.js';

/**
 * Plain-text rendering of an Answer (CLI, logs, fallbacks). Every quote is
 * followed by its citation label, so the reply never makes an unsourced claim.
 */
export function renderPlainText(answer: Answer): string {
  const labelOf = (sectionId: string, docId: string): string =>
    answer.citations.find((c) => c.sectionId === sectionId && c.docId === docId)?.label ?? `§${sectionId}`;
  const lines: string[] = [];
  for (const part of answer.parts) {
    if (part.type === 'quote') lines.push(`• 「${part.text}」 (${labelOf(part.sectionId, part.docId)})`);
    else if (part.type === 'note') lines.push(`(${part.text})`);
    else lines.push(part.text);
  }
  for (const s of answer.suggestions) {
    const quote = s.translation && !s.translation.outdated ? s.translation.quote : s.quote;
    lines.push(`• ${s.label}: ${shorten(quote, 80)}`);
  }
  return lines.join('\n');
}

export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
