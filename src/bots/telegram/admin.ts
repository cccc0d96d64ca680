import { Composer, type CommandContext } from 'grammy';
import type { ReplyLang } from '../../answer/strings.js';
import { reloadIndex } from '../../app/reload.js';
import type { Actor } from '../../chat/actor.js';
import { scrubSecrets } from '../../config/logger.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';
import { sendText } from './reply.js';
import { tr } from './strings.js';

/** A command only admins (TELEGRAM_ADMIN_IDS) may run. Add one to ADMIN_COMMANDS and it is gated and logged. */
export interface AdminCommand {
  command: string;
  description: Record<ReplyLang, string>;
  run(ctx: CommandContext<BotContext>, deps: TelegramDeps): Promise<void>;
}


/** /reload: picks up an index rebuilt by `npm run index` without restarting the bot. */
export const reloadCommand: AdminCommand = {
  command: 'reload',
  description: { 'zh-Hant': '重新載入索引(管理員)', 'zh-Hans': '重新载入索引(管理员)', en: 'Reload the index from disk (admins)' },
  async run(ctx, deps) {
    if (!deps.index) return void (await sendText(ctx, tr('reloadUnavailable', ctx.lang)));
    const { holder, indexesDir } = deps.index;
    try {
      const result = await reloadIndex(holder, indexesDir);
      deps.log.info({ previous: result.previous, current: result.current, changed: result.changed }, 'index reloaded by an admin');
      await sendText(ctx, result.changed ? tr('reloadDone', ctx.lang, { version: result.current, previous: result.previous, sections: result.sections }) : tr('reloadUnchanged', ctx.lang, { version: result.current }));
    } catch (err) {
      const reason = scrubSecrets((err as Error).message);
      deps.log.warn({ err: reason }, 'index reload failed; the previous index stays in service');
      await sendText(ctx, tr('reloadFailed', ctx.lang, { version: holder.current().version, reason }));
    }
  },
};

export const ADMIN_COMMANDS: readonly AdminCommand[] = [reloadCommand];

export function telegramActor(from: { id: number; username?: string; first_name: string }): Actor {
  return { platform: 'telegram', userId: String(from.id), displayName: from.username ? `@${from.username}` : from.first_name };
}

/** Admin commands behind the shared permission check; everyone else gets a polite refusal. */
export function adminCommands(deps: TelegramDeps, commands: readonly AdminCommand[] = ADMIN_COMMANDS): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  for (const admin of commands) {
    composer.command(admin.command, async (ctx) => {
      const actor = ctx.from ? telegramActor(ctx.from) : undefined;
      if (!actor || !deps.permissions.isAdmin(actor)) {
        deps.log.warn({ userId: actor?.userId, command: admin.command }, 'admin command refused');
        return void (await sendText(ctx, tr('adminOnly', ctx.lang)));
      }
      deps.log.info({ userId: actor.userId, user: actor.displayName, command: admin.command }, 'admin command');
      await admin.run(ctx, deps);
    });
  }
  return composer;
}
