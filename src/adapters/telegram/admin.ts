import { Composer } from 'grammy';
import type { AdminCommand } from './admin-command.js';
import { escapeHtml } from './html.js';
import { actorOf } from './actor.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';
import { changesCommand, reindexCommand, rollbackCommand } from './reindex-commands.js';
import { renderStatusReply } from './render-status.js';
import { replyOptions, sendReply, sendText } from './reply.js';
import { splitHtml } from './split.js';
import { tr } from './strings.js';


/** /setstatus 4.2.12 in_progress owner="水利部" due=2027-06-30 note="…": anything invalid is explained and nothing is written. */
const setStatusCommand: AdminCommand = {
  command: 'setstatus',
  description: { 'zh-Hant': '更新項目進度(管理員)', 'zh-Hans': '更新项目进度(管理员)', en: 'Update the status of a plan item (admins)' },
  async run(ctx, deps) {
    const reply = await deps.desk.status.setStatus(ctx.match, actorOf(ctx), ctx.commandLang);
    await sendReply(ctx, renderStatusReply(reply), replyOptions(ctx));
  },
};

/** /stats: questions today and this week, most-cited sections, unanswered questions, 👍/👎. */
const statsCommand: AdminCommand = {
  command: 'stats',
  description: { 'zh-Hant': '提問統計(管理員)', 'zh-Hans': '提问统计(管理员)', en: 'Question statistics (admins)' },
  async run(ctx, deps) {
    const reply = await deps.desk.stats(actorOf(ctx), ctx.lang);
    await sendReply(ctx, { messages: splitHtml(escapeHtml(reply.text)) }, replyOptions(ctx));
  },
};

/** /synonym 颱風 = 災害, /synonym list, /synonym remove 颱風 = 災害: applied at once, with a replay of the unanswered questions. */
const synonymCommand: AdminCommand = {
  command: 'synonym',
  description: { 'zh-Hant': '教同義詞(管理員)', 'zh-Hans': '教同义词(管理员)', en: 'Teach a synonym (admins)' },
  async run(ctx, deps) {
    const reply = await deps.synonyms.command(ctx.match, actorOf(ctx), ctx.commandLang);
    await sendReply(ctx, { messages: splitHtml(escapeHtml(reply.text)) }, replyOptions(ctx));
  },
};

const ADMIN_COMMANDS: readonly AdminCommand[] = [setStatusCommand, statsCommand, synonymCommand, reindexCommand, rollbackCommand, changesCommand];

/** Admin commands behind the shared permission check; everyone else gets a polite refusal (and nothing happens). */
export function adminCommands(deps: TelegramDeps, commands: readonly AdminCommand[] = ADMIN_COMMANDS): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  for (const admin of commands) {
    composer.command(admin.command, async (ctx) => {
      const actor = ctx.from ? actorOf(ctx) : undefined;
      if (!actor || !deps.permissions.isAdmin(actor)) {
        deps.log.warn({ userId: actor?.userId, command: admin.command }, 'admin command refused');
        return void (await sendText(ctx, tr('adminOnly', ctx.commandLang)));
      }
      deps.log.info({ userId: actor.userId, user: actor.displayName, command: admin.command }, 'admin command');
      await admin.run(ctx, deps);
    });
  }
  return composer;
}
