import type { Assistant } from '../answer/assistant.js';
import { sectionLabel } from '../answer/strings.js';
import { resolveSectionId } from '../chat/section-id.js';
import { isOutdated } from '../corpus/stamp.js';
import { READER_LANGUAGE } from '../answer/translation.js';


/** The verbatim text of a section with its label, and the translation when one exists. */
export function renderSectionText(assistant: Assistant, input: string): string {
  const kb = assistant.knowledge;
  const id = resolveSectionId(assistant, input);
  const section = id ? kb.section(id) : undefined;
  if (!id || !section) return `There is no section "${input}". Sections are numbered like 4.2.3; chapters 1–${kb.sections().filter((s) => s.depth === 0 && s.id !== '0').length}.`;
  const lines = [sectionLabel(id, section.title), section.text];
  if (section.children.length > 0) lines.push('', ...section.children.map((c) => `  ${sectionLabel(c, kb.section(c)?.title ?? c)}`));
  const translation = kb.translation(id, READER_LANGUAGE);
  if (translation && isOutdated(translation, section)) {
    // A stale translation is never shown as if it said what the current text says.
    lines.push('', `[English translation outdated: the Chinese text above changed since it was translated; it is withheld until a translator updates it.]`);
  } else if (translation) {
    const info = kb.translationInfo(READER_LANGUAGE);
    lines.push('', `[English${info?.official ? '' : ', unofficial translation'}] ${translation.title}`, translation.text);
  }
  return lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n').trim();
}
