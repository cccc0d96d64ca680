import { scrubSecrets } from '../../config/logger.js';
import { openKnowledgeBase } from '../../index/knowledge-base.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { st } from './strings.js';
import type { Subcommand } from './subcommands.js';

/**
 * `/plan reload` (admins): re-opens the current index version from disk with the
 * embedder in service and swaps it in. Questions already running finish on the
 * old version; a broken index is reported and the old one stays in service.
 */
export const reloadCommand: Subcommand = {
  name: 'reload',
  adminOnly: true,
  takesArgs: false,
  async run({ rt, actor, lang }) {
    if (!rt.index) return st('reloadUnavailable', lang);
    const { holder, indexesDir } = rt.index;
    const previous = holder.current();
    try {
      const next = await openKnowledgeBase({ indexesDir, embedder: previous.embedder });
      holder.swap(next);
      rt.log.info({ by: actor.userId, version: next.version, previous: previous.version }, 'index reloaded');
      return st('reloaded', lang, { version: next.version, previous: previous.version, sections: next.manifest.sections });
    } catch (err) {
      const reason = scrubSecrets(err instanceof Error ? err.message : String(err));
      rt.log.error({ by: actor.userId, err: reason }, 'index reload failed');
      return st('reloadFailed', lang, { reason: escapeMrkdwn(reason) });
    }
  },
};
