import path from 'node:path';
import { Composer, GrammyError } from 'grammy';
import { scrubSecrets } from '../../engine/text/secrets.js';
import { IndexBusyError } from '../../engine/index/lock.js';
import { SUPPORTED_FORMATS } from '../../services/reindex/ingest/extract.js';
import { DocumentRejectedError } from '../../services/reindex/ingest/rejection.js';
import { renderSwitchReport } from '../../services/reindex/render.js';
import { ReindexError, reindexErrorMessage, type Preview } from '../../services/reindex/service.js';
import { actorOf } from './actor.js';
import type { AdminCommand } from './admin-command.js';
import { isAddressedToBot } from './addressing.js';
import { parseReindexCallback } from './callback-data.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';
import { DownloadError, downloadTelegramFile } from './file-download.js';
import { escapeHtml } from './html.js';
import { confirmKeyboard, renderChangesReply, renderPreviewReply } from './render-reindex.js';
import { keepTyping, replyOptions, sendReply, sendText } from './reply.js';
import { splitHtml } from './split.js';
import { tr } from './strings.js';

/**
 * Re-indexing from Telegram (admins): /reindex and /rollback show a dry run with
 * Confirm / Cancel; a document sent in a private chat is checked, downloaded and
 * shown as a dry run the same way; Confirm builds and switches (the running bots
 * pick the new version up at once); /changes shows what the latest version
 * changed. Every failure is a polite message (reindexErrorMessage) and leaves
 * the version in service as it was.
 */

/** Extensions the ingester reads (a file without one is tried as text or by its first bytes). */
const DOCUMENT_EXTENSIONS = new Set(['', '.txt', '.text', '.md', '.markdown', '.docx', '.pdf']);
const DOCUMENT_MIME_TYPES = /^(text\/|application\/pdf$|application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document$)/;

/** A download problem already worded for the admin (not a reason the document was rejected). */
class DownloadFailed extends Error {
  override name = 'DownloadFailed';
}

/** Sends a message of the re-index service (plain English text) as HTML, split if long. */
function sendServiceText(ctx: BotContext, text: string) {
  return sendReply(ctx, { messages: splitHtml(escapeHtml(text)) }, replyOptions(ctx));
}

/** "A re-index is already running (…)": said before a dry run is worked out against a version about to change. */
async function refuseIfBusy(ctx: BotContext, deps: TelegramDeps): Promise<boolean> {
  const running = await deps.live.reindex.running();
  if (!running) return false;
  await sendServiceText(ctx, reindexErrorMessage(new IndexBusyError(running)));
  return true;
}

/** Works out a dry run and sends it with Confirm / Cancel; a failure is explained and changes nothing. */
async function sendPreview(ctx: BotContext, deps: TelegramDeps, make: () => Promise<Preview>): Promise<void> {
  const stopTyping = keepTyping(ctx, 0);
  let preview: Preview;
  try {
    preview = await make();
  } catch (err) {
    stopTyping();
    logFailure(deps, err, 'dry run refused');
    await sendServiceText(ctx, err instanceof DownloadFailed ? err.message : reindexErrorMessage(err));
    return;
  }
  stopTyping();
  deps.log.info({ previewId: preview.id, kind: preview.kind, document: preview.document?.docId }, 're-index dry run sent');
  await sendReply(ctx, renderPreviewReply(preview, ctx.lang), replyOptions(ctx));
}

function logFailure(deps: TelegramDeps, err: unknown, msg: string): void {
  const expected = err instanceof DocumentRejectedError || err instanceof ReindexError || err instanceof IndexBusyError || err instanceof DownloadFailed;
  const detail = { err: scrubSecrets(err instanceof Error ? err.message : String(err)), ...(err instanceof DocumentRejectedError ? { code: err.code } : {}) };
  if (expected) deps.log.info(detail, msg);
  else deps.log.error(detail, msg);
}

export const reindexCommand: AdminCommand = {
  command: 'reindex',
  description: { 'zh-Hant': '從 corpus/ 重建索引(管理員)', 'zh-Hans': '从 corpus/ 重建索引(管理员)', en: 'Rebuild the index from corpus/ (admins)' },
  async run(ctx, deps) {
    if (await refuseIfBusy(ctx, deps)) return;
    await sendPreview(ctx, deps, () => deps.live.reindex.previewRebuild());
  },
};

export const rollbackCommand: AdminCommand = {
  command: 'rollback',
  description: { 'zh-Hant': '回到上一個索引版本(管理員)', 'zh-Hans': '回到上一个索引版本(管理员)', en: 'Return to the previous index version (admins)' },
  async run(ctx, deps) {
    if (await refuseIfBusy(ctx, deps)) return;
    await sendPreview(ctx, deps, () => deps.live.reindex.previewRollback());
  },
};

export const changesCommand: AdminCommand = {
  command: 'changes',
  description: { 'zh-Hant': '最新版本的修改(管理員)', 'zh-Hans': '最新版本的修改(管理员)', en: 'What the latest index version changed (admins)' },
  async run(ctx, deps) {
    try {
      const report = await deps.live.reindex.changes(ctx.match.trim() || undefined);
      await sendReply(ctx, renderChangesReply(report), replyOptions(ctx));
    } catch (err) {
      logFailure(deps, err, '/changes failed');
      await sendServiceText(ctx, reindexErrorMessage(err));
    }
  },
};

/** "as new" or "as <document id>" in a document's caption overrides the automatic match (like `planbot ingest --as`). */
function targetFromCaption(caption: string | undefined): string | undefined {
  return /^\s*as\s+([\w.-]{1,80})\s*$/i.exec(caption ?? '')?.[1];
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1);
}

/** Documents (private chats, admins), and the Confirm / Cancel buttons of every dry run. */
export function reindexHandlers(deps: TelegramDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const reindex = deps.live.reindex;
  /** Dry runs being confirmed right now: a second press on the same button is told to wait. */
  const confirming = new Set<string>();

  composer.on('message:document', async (ctx) => {
    const doc = ctx.message.document;
    if (ctx.chat.type !== 'private') {
      // In groups only when addressed to the bot (a caption mentioning it, a reply to it).
      if (isAddressedToBot(ctx.message, ctx.me)) await sendText(ctx, tr('documentPrivateOnly', ctx.lang));
      return;
    }
    const actor = actorOf(ctx);
    if (!deps.permissions.isAdmin(actor)) {
      deps.log.warn({ userId: actor.userId }, 'document from a non-admin refused');
      await sendText(ctx, tr('documentAdminOnly', ctx.lang));
      return;
    }
    const name = doc.file_name?.trim() || 'document';
    // Telegram tells the size: a file that is too large is refused before anything is downloaded.
    if (doc.file_size !== undefined && doc.file_size > reindex.maxDocumentBytes) {
      const reason = `The file is ${mb(doc.file_size)} MB; documents are limited to ${mb(reindex.maxDocumentBytes)} MB (MAX_DOCUMENT_MB).`;
      deps.log.info({ userId: actor.userId, bytes: doc.file_size }, 'document too large: refused before download');
      await sendServiceText(ctx, reindexErrorMessage(new DocumentRejectedError('too-large', reason)));
      return;
    }
    const ext = path.extname(name).toLowerCase();
    if (!DOCUMENT_EXTENSIONS.has(ext) && !DOCUMENT_MIME_TYPES.test(doc.mime_type ?? '')) {
      await sendServiceText(ctx, reindexErrorMessage(new DocumentRejectedError('unsupported-format', `Files of type ${ext} cannot be read. Send the plan as ${SUPPORTED_FORMATS}.`)));
      return;
    }
    if (await refuseIfBusy(ctx, deps)) return;
    deps.log.info({ userId: actor.userId, file: name, bytes: doc.file_size }, 'document received from an admin');
    await sendPreview(ctx, deps, async () => {
      let bytes: Uint8Array;
      try {
        bytes = await downloadTelegramFile(ctx.api, doc.file_id, { token: deps.settings.token, maxBytes: reindex.maxDocumentBytes, ...(deps.settings.apiRoot ? { apiRoot: deps.settings.apiRoot } : {}) });
      } catch (err) {
        if (err instanceof DownloadError && err.tooLarge) throw new DocumentRejectedError('too-large', `The file is larger than ${mb(reindex.maxDocumentBytes)} MB (MAX_DOCUMENT_MB).`);
        const reason = err instanceof GrammyError ? err.description : scrubSecrets(err instanceof Error ? err.message : String(err));
        deps.log.warn({ err: reason }, 'could not download a document');
        throw new DownloadFailed(tr('downloadFailed', ctx.lang, { reason }));
      }
      const target = targetFromCaption(ctx.message.caption);
      return reindex.previewDocument(name, bytes, target ? { target } : {});
    });
  });

  composer.callbackQuery(/^rx:/, async (ctx) => {
    const parsed = parseReindexCallback(ctx.callbackQuery.data);
    if (!parsed) return void (await ctx.answerCallbackQuery({ text: tr('buttonExpired', ctx.commandLang) }));
    const actor = actorOf(ctx);
    if (!deps.permissions.isAdmin(actor)) {
      deps.log.warn({ userId: actor.userId, previewId: parsed.previewId }, 're-index button pressed by a non-admin: refused');
      return void (await ctx.answerCallbackQuery({ text: tr('adminOnly', ctx.commandLang), show_alert: true }));
    }
    const id = parsed.previewId;
    if (confirming.has(id)) return void (await ctx.answerCallbackQuery({ text: tr('reindexBusyHere', ctx.commandLang) }));
    // Also a dry run another worker made (behind a load balancer the press may land on either).
    const preview = await reindex.fetchPreview(id);
    if (!parsed.confirm || !preview) {
      const cancelled = parsed.confirm ? false : reindex.cancel(id);
      await ctx.answerCallbackQuery({ text: tr(cancelled ? 'reindexCancelled' : 'reindexGone', ctx.commandLang) });
      await removeButtons(ctx);
      if (cancelled) {
        deps.log.info({ userId: actor.userId, previewId: id }, 're-index cancelled');
        await sendText(ctx, tr('reindexCancelled', ctx.commandLang));
      }
      return;
    }
    confirming.add(id);
    const stopTyping = keepTyping(ctx, 0);
    try {
      await ctx.answerCallbackQuery({ text: tr('reindexWorking', ctx.commandLang) });
      await removeButtons(ctx);
      deps.log.info({ userId: actor.userId, previewId: id, kind: preview.kind }, 're-index confirmed');
      const report = await reindex.confirm(id);
      stopTyping();
      await sendServiceText(ctx, renderSwitchReport(report));
    } catch (err) {
      stopTyping();
      logFailure(deps, err, 're-index not carried out');
      await sendServiceText(ctx, reindexErrorMessage(err));
      if (err instanceof IndexBusyError && reindex.pendingPreview(id)) {
        // Another re-index is running; this dry run can still be confirmed once it is done.
        await ctx.editMessageReplyMarkup({ reply_markup: confirmKeyboard(id, ctx.commandLang) }).catch(() => undefined);
      } else if (err instanceof ReindexError && err.code === 'stale' && preview.kind !== 'document') {
        // The index moved on since the dry run: show the up-to-date one.
        await sendPreview(ctx, deps, () => (preview.kind === 'rollback' ? reindex.previewRollback() : reindex.previewRebuild()));
      }
    } finally {
      stopTyping();
      confirming.delete(id);
    }
  });

  return composer;
}

/** Takes the Confirm / Cancel buttons off a dry run once it is answered (best effort). */
async function removeButtons(ctx: BotContext): Promise<void> {
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
}
