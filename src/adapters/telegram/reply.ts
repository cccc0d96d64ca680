import type { Message } from 'grammy/types';
import type { BotContext } from './context.js';
import { escapeHtml } from './html.js';
import type { RenderedReply } from './render-answer.js';

/**
 * Sends a rendered reply as HTML, message by message in order, buttons under
 * the last one. In groups the first message replies to the question so the
 * thread stays readable.
 */
export async function sendReply(ctx: BotContext, reply: RenderedReply, options: { replyTo?: number } = {}): Promise<Message.TextMessage[]> {
  const sent: Message.TextMessage[] = [];
  for (const [i, html] of reply.messages.entries()) {
    const last = i === reply.messages.length - 1;
    sent.push(
      await ctx.reply(html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(i === 0 && options.replyTo !== undefined ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } } : {}),
        ...(last && reply.keyboard ? { reply_markup: reply.keyboard } : {}),
      }),
    );
  }
  return sent;
}

/** Sends one of the bot's fixed strings (plain text, made safe for HTML), replying to the question in groups. */
export function sendText(ctx: BotContext, text: string): Promise<Message.TextMessage[]> {
  return sendReply(ctx, { messages: [escapeHtml(text)] }, replyOptions(ctx));
}

/** Reply to the question itself in groups; in a private chat the answer simply follows. */
export function replyOptions(ctx: BotContext): { replyTo?: number } {
  const id = ctx.msg?.message_id;
  return ctx.chat && ctx.chat.type !== 'private' && id !== undefined ? { replyTo: id } : {};
}

/** Answers quicker than this arrive before a "typing…" status could be seen, so none is sent for them. */
const TYPING_DELAY_MS = 200;

/**
 * Shows "typing…" while an answer is being worked out, once it takes long
 * enough to notice (an LLM, a busy index) — as Telegram recommends — saving a
 * Bot API call on every quick answer. Telegram clears the status after about
 * five seconds, so it is renewed until `stop` is called. Failures are ignored:
 * the status is a courtesy, the answer is what matters.
 */
export function keepTyping(ctx: BotContext, delayMs = TYPING_DELAY_MS): () => void {
  const send = () => void ctx.replyWithChatAction('typing').catch(() => undefined);
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    send();
    interval = setInterval(send, 4500);
  }, delayMs);
  return () => {
    clearTimeout(first);
    if (interval) clearInterval(interval);
  };
}
