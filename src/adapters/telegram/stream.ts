import type { Message } from 'grammy/types';
import { scrubSecrets } from '../../engine/text/secrets.js';
import type { Logger } from 'pino';
import type { BotContext } from './context.js';
import { escapeHtml } from './html.js';
import type { RenderedReply } from './render-answer.js';
import { sendReply } from './reply.js';
import { TELEGRAM_MESSAGE_LIMIT } from './split.js';

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
  private shown: string | undefined;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private latest: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private closed = false;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly ctx: BotContext,
    private readonly options: DraftOptions,
  ) {
    this.intervalMs = options.intervalMs ?? DEFAULT_EDIT_INTERVAL_MS;
    this.now = options.now ?? (() => performance.now());
  }

  /** True once a draft message is on screen. */
  get started(): boolean {
    return this.messageId !== undefined;
  }

  /** The reply so far (the whole text, not a delta), as the Assistant's onText gives it. */
  update(text: string): void {
    if (this.closed || !text.trim()) return;
    this.latest = text;
    this.schedule();
  }

  /**
   * Replaces the draft with the final reply (first message edited in place, the rest
   * sent after it, buttons under the last). Without a draft on screen it sends the
   * reply as usual. Returns the messages that make up the answer.
   */
  async finish(reply: RenderedReply): Promise<Message.TextMessage[]> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    const replyTo = this.options.replyTo;
    const fresh = () => sendReply(this.ctx, reply, replyTo !== undefined ? { replyTo } : {});
    const chatId = this.ctx.chat?.id;
    if (this.messageId === undefined || chatId === undefined) return fresh();
    const [first, ...rest] = reply.messages;
    if (first === undefined) return [];
    const keyboard = rest.length === 0 ? reply.keyboard : undefined;
    let edited: Message.TextMessage;
    if (first === this.shown && !keyboard) {
      edited = { message_id: this.messageId, chat: this.ctx.chat, text: first } as Message.TextMessage;
    } else {
      await this.waitForInterval();
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
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer || this.writing) return;
    const wait = this.messageId === undefined ? 0 : Math.max(0, this.lastWriteAt + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write();
    }, wait);
  }

  private write(): void {
    const text = this.latest;
    this.latest = undefined;
    if (text === undefined || this.closed) return;
    const html = draftHtml(text);
    if (html === this.shown) return;
    const chatId = this.ctx.chat?.id;
    if (chatId === undefined) return;
    const replyTo = this.options.replyTo;
    const request =
      this.messageId === undefined
        ? this.ctx.api
            .sendMessage(chatId, html, {
              parse_mode: 'HTML',
              link_preview_options: { is_disabled: true },
              ...(replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
            })
            .then((m) => void (this.messageId = m.message_id))
        : this.ctx.api.editMessageText(chatId, this.messageId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } }).then(() => undefined);
    this.writing = request
      .then(
        () => void (this.shown = html),
        (err: unknown) => this.options.log.debug({ chatId, err: scrubSecrets(err instanceof Error ? err.message : String(err)) }, 'a draft update failed'),
      )
      .finally(() => {
        // Counted from when Telegram answered, so two edits never arrive closer than the interval.
        this.lastWriteAt = this.now();
        this.writing = undefined;
        if (this.latest !== undefined && !this.closed) this.schedule();
      });
  }

  private async waitForInterval(): Promise<void> {
    const wait = this.lastWriteAt + this.intervalMs - this.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
