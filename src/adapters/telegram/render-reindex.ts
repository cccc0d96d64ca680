import type { InlineKeyboardMarkup } from 'grammy/types';
import type { ReplyLang } from '../../engine/text/i18n.js';
import { renderChanges, renderPreview } from '../../services/reindex/render.js';
import type { ChangesReport, Preview } from '../../services/reindex/service.js';
import { reindexCallback } from './callback-data.js';
import { escapeHtml } from './html.js';
import type { RenderedReply } from './render-answer.js';
import { splitHtml, TELEGRAM_MESSAGE_LIMIT } from './split.js';
import { tr } from './strings.js';

/**
 * Re-index results as Telegram HTML. Like the CLI's (src/services/reindex/render.ts) they are
 * admin messages in English; the buttons follow the admin's language.
 */

/** Sections listed in full in a chat dry run (the rest are counted). */
const PREVIEW_ITEMS = 10;
/** /changes is cut after about this much HTML (three messages), with a pointer to /changes <section>. */
const MAX_CHANGES_HTML = 3 * (TELEGRAM_MESSAGE_LIMIT - 200);

export function confirmKeyboard(previewId: string, lang: ReplyLang): InlineKeyboardMarkup {
  return { inline_keyboard: [[{ text: tr('reindexConfirm', lang), callback_data: reindexCallback(previewId, true) }, { text: tr('reindexCancel', lang), callback_data: reindexCallback(previewId, false) }]] };
}

/** A dry run (what would change, nothing written yet) with Confirm / Cancel under it. */
export function renderPreviewReply(preview: Preview, lang: ReplyLang): RenderedReply {
  return { messages: splitHtml(escapeHtml(renderPreview(preview, { maxItems: PREVIEW_ITEMS }))), keyboard: confirmKeyboard(preview.id, lang) };
}

/**
 * /changes [section]: the changes of the version in service as a readable diff —
 * removed text struck through, added text underlined — and the English
 * translations left outdated by them (never shown as current in answers).
 */
export function renderChangesReply(report: ChangesReport): RenderedReply {
  const relevant = report.outdatedTranslations;
  const blocks: string[] = [];
  if (!report.base || report.entries.length === 0 || (report.sectionId !== undefined && !report.sectionKnown)) {
    // Nothing to diff: the reference wording says why (the outdated translations follow below).
    blocks.push(escapeHtml(renderChanges({ ...report, outdatedTranslations: [] })));
  } else {
    const span = `between ${report.base}${report.baseCreatedAt ? ` (${day(report.baseCreatedAt)})` : ''} and the current ${report.version} (${day(report.createdAt)})`;
    blocks.push(escapeHtml(report.sectionId !== undefined ? `Changes to §${report.sectionId} ${span}:` : `Changes ${span}: ${report.entries.length} section${report.entries.length === 1 ? '' : 's'}.`));
    for (const d of report.documents) if (d.status === 'added' || d.status === 'removed') blocks.push(escapeHtml(`Document ${d.status}: ${d.title} (${d.docId})`));
    let size = blocks.join('\n\n').length;
    for (const [i, e] of report.entries.entries()) {
      const diff = e.ops.map((op) => (op.type === 'equal' ? escapeHtml(op.text) : op.type === 'removed' ? `<s>${escapeHtml(op.text)}</s>` : `<u>${escapeHtml(op.text)}</u>`)).join('');
      const block = `<b>${escapeHtml(e.label)}</b> — ${e.kind}\n<blockquote>${diff}</blockquote>`;
      if (size + block.length > MAX_CHANGES_HTML) {
        blocks.push(escapeHtml(`… ${report.entries.length - i} more section(s) not shown; ask for one: /changes ${report.entries[i]!.sectionId}`));
        break;
      }
      blocks.push(block);
      size += block.length + 2;
    }
    blocks.push('<i>struck through: removed · underlined: added</i>');
  }
  if (relevant.length > 0) {
    const lines = relevant.slice(0, 30).map((o) => `• ${o.sectionId === '0' ? 'Preamble' : `§${o.sectionId}`} ${o.title} (${o.language}: ${o.translatedTitle})`);
    if (relevant.length > 30) lines.push(`… and ${relevant.length - 30} more`);
    blocks.push(
      escapeHtml(
        `Outdated translations (${relevant.length}): the Chinese text changed since they were made, so answers quote the Chinese instead. ` +
          'Update them, then run `npm run stamp-translation -- --sections …` and re-index.',
      ) + `\n${escapeHtml(lines.join('\n'))}`,
    );
  }
  return { messages: splitHtml(blocks.join('\n\n')) };
}

function day(iso: string): string {
  return iso.slice(0, 10);
}
