import type { ReplyLang } from '../../engine/text/i18n.js';
import type { Actor } from '../../services/access/actor.js';
import { IndexBusyError } from '../../engine/index/lock.js';
import { renderChanges, renderVersions } from '../../services/reindex/render.js';
import { reindexErrorMessage, type Preview } from '../../services/reindex/service.js';
import { adminMessages, previewMessages } from './render-reindex.js';
import type { SlackRuntime } from './runtime.js';
import { noArgs, sectionLike, type Subcommand, type SubcommandReply } from './subcommands.js';

/** Re-indexing (docs/reindex.md) from Slack: admins only, every change shown as a dry run first. */

/**
 * Makes a dry run and shows it with Confirm / Cancel. A re-index already running
 * (here or in another process) is reported instead; any failure is a reply with
 * the reason, and nothing is written either way.
 */
export async function startPreview(rt: SlackRuntime, actor: Actor, lang: ReplyLang, make: () => Promise<Preview>): Promise<SubcommandReply> {
  const reindex = rt.services.live.reindex;
  try {
    const running = await reindex.running();
    if (running) return adminMessages(reindexErrorMessage(new IndexBusyError(running)), { lang });
    const preview = await make();
    rt.log.info({ by: actor.userId, kind: preview.kind, preview: preview.id, base: preview.baseVersion }, 're-index dry run shown');
    return previewMessages(preview, lang);
  } catch (err) {
    rt.log.warn({ by: actor.userId, err: reindexErrorMessage(err) }, 're-index dry run refused');
    return adminMessages(reindexErrorMessage(err), { lang });
  }
}

/** `/plan reindex`: what rebuilding from corpus/ would change, then Confirm / Cancel. */
export const reindexCommand: Subcommand = {
  name: 'reindex',
  adminOnly: true,
  async run({ rt, actor, lang }) {
    return startPreview(rt, actor, lang, () => rt.services.live.reindex.previewRebuild());
  },
};

/** `/plan rollback`: what returning to the previous version would change, then Confirm / Cancel. */
export const rollbackCommand: Subcommand = {
  name: 'rollback',
  adminOnly: true,
  async run({ rt, actor, lang }) {
    return startPreview(rt, actor, lang, () => rt.services.live.reindex.previewRollback());
  },
};

/** `/plan changes [section]`: the diff between the version in service and the one before it. */
export const changesCommand: Subcommand = {
  name: 'changes',
  adminOnly: true,
  accepts: (args) => noArgs(args) || sectionLike(args),
  async run({ rt, args, lang }) {
    try {
      return adminMessages(renderChanges(await rt.services.live.reindex.changes(args || undefined), { maxChars: 3500 }), { lang });
    } catch (err) {
      return adminMessages(reindexErrorMessage(err), { lang });
    }
  },
};

/** `/plan versions`: the index versions kept, the current one marked. */
export const versionsCommand: Subcommand = {
  name: 'versions',
  adminOnly: true,
  async run({ rt, lang }) {
    try {
      return adminMessages(renderVersions(await rt.services.live.reindex.versions()), { lang });
    } catch (err) {
      return adminMessages(reindexErrorMessage(err), { lang });
    }
  },
};
