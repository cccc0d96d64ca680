import type { Assistant } from '../../engine/answer/assistant.js';
import { documentName, documentRef, documentSectionLabel, sectionHeading } from '../../engine/answer/document-labels.js';
import { td } from '../../engine/answer/document-strings.js';
import { lookupSection } from '../shared/section-lookup.js';
import { isOutdated } from '../../engine/corpus/stamp.js';
import { READER_LANGUAGE } from '../../engine/answer/translation.js';


/** The verbatim text of a section with its label, and the translation when one exists; `minutes:1.2` names another document. */
export function renderSectionText(assistant: Assistant, input: string): string {
  return sectionText(assistant, input).text;
}

/** The section's text, or (`found: false`) a message saying what does not exist and what does. */
export function sectionText(assistant: Assistant, input: string): { found: boolean; text: string } {
  const kb = assistant.knowledge;
  const found = lookupSection(kb, input);
  if (!found.found && found.reason === 'unknownDocument') {
    return { found: false, text: `There is no document "${found.document}". Documents: ${kb.corpus.documents.map((d) => documentRef(kb, d.meta.id)).join(', ')} (planbot docs lists them).` };
  }
  if (!found.found) return { found: false, text: `There is no section "${input}". Sections are numbered like 4.2.3; chapters 1–${kb.sections().filter((s) => s.depth === 0 && s.id !== '0').length}.` };
  const { docId, sectionId: id } = found;
  const section = kb.section(id, docId)!;
  const label = (sid: string, title: string) => documentSectionLabel(kb, docId, sid, title, 'zh-Hant');
  const lines: string[] = [];
  if (found.elsewhere) lines.push(`(${td('foundInOtherDocument', 'en', { id, doc: documentName(kb, docId, 'en') })})`);
  lines.push(sectionHeading(kb, docId, id, section.title, 'zh-Hant'), section.text);
  if (section.children.length > 0) lines.push('', ...section.children.map((c) => `  ${label(c, kb.section(c, docId)?.title ?? c)}`));
  const translation = kb.translation(id, READER_LANGUAGE, docId);
  if (translation && isOutdated(translation, section)) {
    // A stale translation is never shown as if it said what the current text says.
    lines.push('', `[English translation outdated: the Chinese text above changed since it was translated; it is withheld until a translator updates it.]`);
  } else if (translation) {
    const info = kb.translationInfo(READER_LANGUAGE, docId);
    lines.push('', `[English${info?.official ? '' : ', unofficial translation'}] ${translation.title}`, translation.text);
  }
  return { found: true, text: lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n').trim() };
}
