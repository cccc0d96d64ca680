import type { NextFunction } from 'grammy';
import type { Message, MessageEntity, UserFromGetMe } from 'grammy/types';
import type { BotContext } from './context.js';

type Me = Pick<UserFromGetMe, 'id' | 'username'>;

export function isGroupChat(chat: { type: string } | undefined): boolean {
  return chat?.type === 'group' || chat?.type === 'supergroup';
}

function textAndEntities(msg: Message): { text: string; entities: MessageEntity[] } {
  return { text: msg.text ?? msg.caption ?? '', entities: msg.entities ?? msg.caption_entities ?? [] };
}

function isMentionOf(text: string, entity: MessageEntity, me: Me): boolean {
  if (entity.type === 'text_mention') return entity.user.id === me.id;
  if (entity.type !== 'mention') return false;
  return text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === `@${me.username}`.toLowerCase();
}

/**
 * In groups the bot speaks only when spoken to: a command (for it, not for
 * another bot), a mention, or a reply to one of its messages.
 */
export function isAddressedToBot(msg: Message, me: Me): boolean {
  if (msg.reply_to_message?.from?.id === me.id) return true;
  const { text, entities } = textAndEntities(msg);
  for (const e of entities) {
    if (isMentionOf(text, e, me)) return true;
    if (e.type === 'bot_command' && e.offset === 0) {
      const target = /@(\w+)$/.exec(text.slice(0, e.length))?.[1];
      if (!target || target.toLowerCase() === me.username.toLowerCase()) return true;
    }
  }
  return false;
}

/** The question in a message, without the @mentions of the bot. */
export function stripBotMentions(msg: Message, me: Me): string {
  const { text, entities } = textAndEntities(msg);
  const mentions = entities.filter((e) => isMentionOf(text, e, me)).sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of mentions) out = `${out.slice(0, e.offset)} ${out.slice(e.offset + e.length)}`;
  return out.replace(/\s+/g, ' ').trim();
}

/** Lets through every update except group messages that are not addressed to the bot (and channel posts). */
export async function addressedOnly(ctx: BotContext, next: NextFunction): Promise<void> {
  if (ctx.channelPost || ctx.editedChannelPost) return; // channels: the bot has nothing to say there
  const msg = ctx.message ?? ctx.editedMessage;
  if (msg && msg.chat.type !== 'private' && !isAddressedToBot(msg, ctx.me)) return;
  await next();
}
