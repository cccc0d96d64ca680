import type { Assistant } from '../answer/assistant.js';
import { findSectionReferences } from '../retrieval/section-ref.js';
import { toHalfWidth } from '../text/normalize.js';

/** Resolves "4.2.3", "§4.2.3", "第五部分", "chapter 5" to a section id of the main document. */
export function resolveSectionId(assistant: Assistant, input: string): string | undefined {
  const kb = assistant.knowledge;
  const direct = toHalfWidth(input).trim().replace(/^§\s*/, '').replace(/[.。]$/, '');
  if (kb.section(direct)) return direct;
  return findSectionReferences(input, (id) => kb.section(id) !== undefined)[0];
}
