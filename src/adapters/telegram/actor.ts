import type { Actor } from '../../services/access/actor.js';
import type { BotContext } from './context.js';

function telegramActor(from: { id: number; username?: string; first_name: string }): Actor {
  return { platform: 'telegram', userId: String(from.id), displayName: from.username ? `@${from.username}` : from.first_name };
}

/** Who sent an update; a message without a sender (rare: anonymous group admins) counts as its chat. */
export function actorOf(ctx: BotContext): Actor {
  if (ctx.from) return telegramActor(ctx.from);
  return { platform: 'telegram', userId: String(ctx.chat?.id ?? 0) };
}
