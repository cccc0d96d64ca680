import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import type { ReplyLang } from '../../engine/text/i18n.js';
import { IndexBusyError } from '../../engine/index/lock.js';
import { reindexErrorMessage } from '../../services/reindex/service.js';
import { actorOf, clickedIn, ephemeral, postIn, type ClickedIn } from './click.js';
import { ACTION, readReindexValue, REINDEX_ACTION } from './action-values.js';
import { withApology } from './guard.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { adminMessages, previewMessages, switchReportMessages } from './render-reindex.js';
import type { SlackRuntime } from './runtime.js';
import { st } from './strings.js';
import { wellFormedDeep } from '../../engine/text/well-formed.js';

/**
 * Confirm / Cancel under a re-index dry run. The admin check runs again on the
 * click (a dry run shown in a channel could be clicked by anyone). Confirm first
 * replaces the buttons with "building…" so nobody confirms twice, then builds and
 * switches through the shared ReindexService and reports the new version and the
 * time taken. A re-index already running leaves the buttons (the dry run stays
 * confirmable) and says so.
 */
export function registerReindexActions(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(REINDEX_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = readReindexValue(action.value);
    const lang: ReplyLang = value?.lang ?? 'en';
    const where = clickedIn(body);
    const actor = actorOf(body);
    const privately = ephemeral(respond);
    // Results stay in the DM where the document was sent; under /plan they are private like the dry run.
    const report = (messages: SlackMessage[]) => sendAll(messages, where, client, privately);
    await withApology(rt, 'reindex button', lang, (text) => privately({ text }), async () => {
      if (!rt.services.permissions.isAdmin(actor)) {
        rt.log.warn({ user: actor.userId }, 're-index button refused');
        await privately({ text: st('adminButtonOnly', lang) });
        return;
      }
      const reindex = rt.services.live.reindex;
      // Also a dry run another worker made (the click may reach either).
      const preview = value ? await reindex.fetchPreview(value.id) : undefined;
      if (!value || !preview) {
        await privately({ text: st('previewGone', lang) });
        return;
      }
      const user = `<@${actor.userId}>`;
      const show = async (status?: string) => {
        // Only the clicked message (the last page, with the buttons) can be replaced.
        const last = previewMessages(preview, lang, status ? { status } : {}).at(-1);
        if (last) await respond(wellFormedDeep({ replace_original: true, ...last }));
      };

      if (action.action_id === ACTION.reindexCancel) {
        reindex.cancel(value.id);
        rt.log.info({ by: actor.userId, preview: value.id }, 're-index cancelled');
        await show(st('cancelled', lang, { user }));
        return;
      }

      const running = await reindex.running();
      if (running) {
        await privately({ text: escapeMrkdwn(reindexErrorMessage(new IndexBusyError(running))) });
        return;
      }
      await show(st('building', lang, { user }));
      try {
        const done = await reindex.confirm(value.id);
        rt.log.info({ by: actor.userId, version: done.version, previous: done.previousVersion, tookMs: done.tookMs }, 're-index confirmed in Slack');
        await report(switchReportMessages(done, lang));
      } catch (err) {
        rt.log.warn({ by: actor.userId, err: reindexErrorMessage(err) }, 're-index confirmation failed');
        // Busy: the dry run can still be confirmed, so its buttons come back.
        if (err instanceof IndexBusyError && reindex.pendingPreview(value.id)) await show();
        else await show(st('confirmFailed', lang));
        await report(adminMessages(reindexErrorMessage(err), { lang }));
      }
    });
  });
}

async function sendAll(messages: readonly SlackMessage[], where: ClickedIn, client: webApi.WebClient, privately: (m: SlackMessage) => Promise<unknown>): Promise<void> {
  for (const m of messages) {
    if (where.ephemeral || !where.channel) await privately(m);
    else await postIn(client, where.channel, where.threadTs, m);
  }
}
