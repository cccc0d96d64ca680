import type { CommandContext } from 'grammy';
import type { ReplyLang } from '../../engine/text/i18n.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';

/** A command only admins (TELEGRAM_ADMIN_IDS) may run. Add one to ADMIN_COMMANDS (admin.ts) and it is gated and logged. */
export interface AdminCommand {
  command: string;
  description: Record<ReplyLang, string>;
  run(ctx: CommandContext<BotContext>, deps: TelegramDeps): Promise<void>;
}
