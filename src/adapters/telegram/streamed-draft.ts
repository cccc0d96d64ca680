import type { Message } from 'grammy/types';
import { scrubSecrets } from '../../engine/text/secrets.js';
import type { Logger } from 'pino';
import type { BotContext } from './context.js';
import { escapeHtml } from './html.js';
import type { RenderedReply } from './render-answer.js';
import { sendReply } from './reply.js';
import { TELEGRAM_MESSAGE_LIMIT } from './split.js';
import { DraftThrottle } from '../shared/draft-throttle.js';

/** Telegram asks bots not to edit one message more than about once a second. */
const DEFAULT_EDIT_INTERVAL_MS = 1000;

/** Room kept for the "…" that marks a draft as unfinished. */
const DRAFT_MAX_CHARS = TELEGRAM_MESSAGE_LIMIT - 96;

export interface DraftOptions {
  /** Least time between two edits of the draft (and between the last one and the final answer). */
  intervalMs?: number;
  /** In groups, the draft replies to the question. */
  replyTo?: number;
  log: Logger;
  now?: () => number;
}

/** The draft as shown: the text so far (escaped, cut to fit) and an ellipsis saying more is coming. */
function draftHtml(text: string): string {
  const chars = [...text.trim()];
  const body = chars.length > DRAFT_MAX_CHARS ? chars.slice(0, DRAFT_MAX_CHARS).join('') : chars.join('');
  return `${escapeHtml(body)} …`;
}

/**
 * A reply that is written while the language model streams it: the first text
 * becomes a message, later text edits it in place — at most once per
 * `intervalMs` and never with unchanged text, to stay inside Telegram's limits —
 * and `finish` turns it into the final answer (citations, buttons). Edits are
 * best effort: a failed one is logged and the next one tries again; the final
 * answer is sent as a new message if the draft cannot be edited.
 */
export class DraftReply {
  private messageId: number | undefined;
  private readonly throttle: DraftThrottle;

  constructor(
    private readonly ctx: BotContext,
    private readonly options: DraftOptions,
  ) {
    this.throttle = new DraftThrottle((html) => this.write(html), options.intervalMs ?? DEFAULT_EDIT_INTERVAL_MS, options.now);
  }

  /** True once a draft message is on screen. */
  get started(): boolean {
    return this.messageId !== undefined;
  }

  /** The reply so far (the whole text, not a delta), as the Assistant's onText gives it. */
  update(text: string): void {
    if (!text.trim()) return;
    this.throttle.push(draftHtml(text));
  }

  /**
   * Replaces the draft with the final reply (first message edited in place, the rest
   * sent after it, buttons under the last). Without a draft on screen it sends the
   * reply as usual. Returns the messages that make up the answer.
   */
  async finish(reply: RenderedReply): Promise<Message.TextMessage[]> {
    await this.throttle.close();
    const replyTo = this.options.replyTo;
    const fresh = () => sendReply(this.ctx, reply, replyTo !== undefined ? { replyTo } : {});
    const chatId = this.ctx.chat?.id;
    if (this.messageId === undefined || chatId === undefined) return fresh();
    const [first, ...rest] = reply.messages;
    if (first === undefined) return [];
    const keyboard = rest.length === 0 ? reply.keyboard : undefined;
    let edited: Message.TextMessage;
    if (first === this.throttle.written && !keyboard) {
      edited = { message_id: this.messageId, chat: this.ctx.chat, text: first } as Message.TextMessage;
    } else {
      await this.throttle.waitForInterval();
      try {
        const result = await this.ctx.api.editMessageText(chatId, this.messageId, first, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(keyboard ? { reply_markup: keyboard } : {}),
        });
        edited = result === true ? ({ message_id: this.messageId, chat: this.ctx.chat, text: first } as Message.TextMessage) : (result as Message.TextMessage);
      } catch (err) {
        // The draft is gone (deleted by the user) or cannot be edited: the answer still arrives.
        this.options.log.warn({ chatId, err: scrubSecrets(err instanceof Error ? err.message : String(err)) }, 'could not turn the draft into the answer; sending it anew');
        return fresh();
      }
    }
    const more = rest.length > 0 ? await sendReply(this.ctx, { messages: rest, ...(reply.keyboard ? { keyboard: reply.keyboard } : {}) }) : [];
    return [edited, ...more];
  }

  /** Stops drafting without a final answer (the question failed): no further draft update is sent. */
  cancel(): void {
    void this.throttle.close();
  }

  /** One draft write: the first sends the message, later ones edit it. */
  private async write(html: string): Promise<void> {
    const chatId = this.ctx.chat?.id;
    if (chatId === undefined) return;
    const replyTo = this.options.replyTo;
    try {
      if (this.messageId === undefined) {
        const m = await this.ctx.api.sendMessage(chatId, html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
        });
        this.messageId = m.message_id;
      } else {
        await this.ctx.api.editMessageText(chatId, this.messageId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
      }
    } catch (err) {
      this.options.log.debug({ chatId, err: scrubSecrets(err instanceof Error ? err.message : String(err)) }, 'a draft update failed');
      throw err;
    }
  }
}
