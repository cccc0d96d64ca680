import type { webApi } from '@slack/bolt';
import type { Actor } from '../../services/access/actor.js';
import { scrubSecrets } from '../../engine/text/secrets.js';
import { DocumentRejectedError } from '../../services/reindex/ingest/rejection.js';
import { reindexErrorMessage } from '../../services/reindex/service.js';
import { downloadSlackFile, FileDownloadError, tooLarge, type SharedFile } from './file-download.js';
import { withApology } from './guard.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { startPreview } from './reindex-commands.js';
import { adminMessages } from './render-reindex.js';
import type { SlackRuntime } from './runtime.js';
import { langOf, st } from './strings.js';
import { wellFormedDeep } from '../../engine/text/well-formed.js';

/** What handleDocument reads of the message event. */
interface FileShareMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user: string;
  text?: string;
  files?: SharedFile[];
}

/**
 * A document (.txt, .md, .docx, .pdf) shared with the bot in a DM: from an admin,
 * it is checked for size (before downloading), downloaded with the bot token and
 * shown as a dry run with Confirm / Cancel; nothing is written before Confirm.
 * Anyone else is told politely that only admins can update the plan.
 */
export async function handleDocument(rt: SlackRuntime, client: webApi.WebClient, msg: FileShareMessage): Promise<void> {
  const lang = langOf(msg.text ?? '');
  const actor: Actor = { platform: 'slack', userId: msg.user };
  const post = (m: SlackMessage | { text: string }) => client.chat.postMessage(wellFormedDeep({ channel: msg.channel, ...(msg.thread_ts ? { thread_ts: msg.thread_ts } : {}), unfurl_links: false, unfurl_media: false, ...m }));
  const postAll = async (messages: SlackMessage[]) => {
    for (const m of messages) await post(m);
  };
  await withApology(rt, 'document', lang, (text) => post({ text }), async () => {
    if (!rt.services.permissions.isAdmin(actor)) {
      rt.log.warn({ user: actor.userId }, 'document from a non-admin refused');
      await post({ text: st('documentAdminOnly', lang) });
      return;
    }
    const files = msg.files ?? [];
    const file = files[0];
    if (!file || files.length > 1) {
      await post({ text: st('oneDocument', lang) });
      return;
    }
    const reindex = rt.services.live.reindex;
    const filename = file.name ?? file.title ?? 'document';
    let bytes: Uint8Array;
    try {
      if (file.size !== undefined && file.size > reindex.maxDocumentBytes) tooLarge(file.size, reindex.maxDocumentBytes);
      bytes = await downloadSlackFile(file, { token: rt.settings.botToken, maxBytes: reindex.maxDocumentBytes, client, ...(rt.settings.apiUrl ? { apiUrl: rt.settings.apiUrl } : {}) });
    } catch (err) {
      if (err instanceof DocumentRejectedError) {
        rt.log.warn({ by: actor.userId, file: filename, code: err.code }, 'document refused before download');
        await postAll(adminMessages(reindexErrorMessage(err), { lang }));
        return;
      }
      const reason = err instanceof FileDownloadError ? err.message : scrubSecrets(err instanceof Error ? err.message : String(err));
      rt.log.warn({ by: actor.userId, file: filename, err: reason }, 'could not download a shared document');
      await post({ text: st('downloadFailed', lang, { reason: escapeMrkdwn(reason) }) });
      return;
    }
    rt.log.info({ by: actor.userId, file: filename, bytes: bytes.byteLength }, 'document received');
    const reply = await startPreview(rt, actor, lang, () => reindex.previewDocument(filename, bytes));
    if (typeof reply === 'string') await post({ text: reply });
    else await postAll(reply);
  });
}
