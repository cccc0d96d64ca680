import type { StatusReply } from '../../services/status/service.js';
import { parseStatus } from '../../services/status/model.js';
import { asPlanCommands } from './command-names.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { renderStatusReply } from './render-status.js';
import { anyArgs, noArgs, sectionLike, type Subcommand, type SubcommandReply } from './subcommands.js';

/** Status tracking (docs/status.md) as /plan sub-commands; the shared StatusService does the work. */

function reply(status: StatusReply): SubcommandReply {
  return renderStatusReply(status);
}

/** `/plan status` (overview), `/plan status 4.2.12` (card), `/plan status in_progress` (list). */
export const statusCommand: Subcommand = {
  name: 'status',
  aliases: ['狀態', '状态', '進度', '进度', 'progress'],
  adminOnly: false,
  accepts: (args) => noArgs(args) || parseStatus(args) !== undefined || sectionLike(args),
  async run({ rt, args, lang }) {
    return reply(await rt.services.desk.status.status(args, lang));
  },
};

/** `/plan history 4.2.12`: every recorded change of an item. */
export const historyCommand: Subcommand = {
  name: 'history',
  aliases: ['歷史', '历史'],
  adminOnly: false,
  accepts: sectionLike,
  async run({ rt, args, lang }) {
    return reply(await rt.services.desk.status.history(args, lang, 20));
  },
};

/** `/plan setstatus 4.2.12 in_progress owner="水利部" due=2027-06-30 note="…"` (admins). */
export const setStatusCommand: Subcommand = {
  name: 'setstatus',
  adminOnly: true,
  accepts: anyArgs,
  async run({ rt, actor, args, lang }) {
    const result = await rt.services.desk.status.setStatus(args, actor, lang);
    rt.log.info({ by: actor.userId, kind: result.kind }, '/plan setstatus');
    return reply(result);
  },
};

/** `/plan stats` (admins): questions, most-cited sections, unanswered questions, feedback. */
export const statsCommand: Subcommand = {
  name: 'stats',
  aliases: ['統計', '统计'],
  adminOnly: true,
  async run({ rt, actor, lang }) {
    const stats = await rt.services.desk.stats(actor, lang);
    return escapeMrkdwn(asPlanCommands(stats.text));
  },
};

/** `/plan synonym 颱風 = 災害`, `/plan synonym list`, `/plan synonym remove 颱風 = 災害` (admins): applied at once, with a replay report. */
export const synonymCommand: Subcommand = {
  name: 'synonym',
  aliases: ['同義詞', '同义词', 'synonyms'],
  adminOnly: true,
  accepts: anyArgs,
  async run({ rt, actor, args, lang }) {
    const reply = await rt.services.synonyms.command(args, actor, lang);
    rt.log.info({ by: actor.userId, kind: reply.kind }, '/plan synonym');
    return escapeMrkdwn(asPlanCommands(reply.text));
  },
};
