import { Composer } from 'grammy';
import type { Message } from 'grammy/types';
import type { DeskAnswer } from '../../services/desk/desk.js';
import { contextOf, exchangeToRemember, type Exchange } from '../../services/desk/follow-up.js';
import { actorOf } from './actor.js';
import { isAddressedToBot, isGroupChat, stripBotMentions } from './addressing.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';
import type { ConversationMemory } from './conversation-memory.js';
import { renderAnswer, type RenderedReply } from './render-answer.js';
import { renderStatusReply } from './render-status.js';
import { keepTyping, replyOptions, sendReply, sendText } from './reply.js';
import { DraftReply } from './streamed-draft.js';
import { tr } from './strings.js';

/** The exchange a message follows up, when it replies to one of the bot's answers (see services/desk/follow-up.ts). */
function repliedExchange(msg: Message | undefined, botId: number, memory: ConversationMemory): Exchange | undefined {
  const replied = msg?.reply_to_message;
  if (!msg || !replied || replied.from?.id !== botId) return undefined;
  return memory.exchangeFor(msg.chat.id, replied.message_id);
}

/** An answer or a status card as Telegram HTML, with 👍/👎 when the question was logged. */
function renderDeskAnswer(answered: DeskAnswer, primaryDocId: string): RenderedReply {
  const options = answered.ref ? { feedbackRef: answered.ref } : {};
  return answered.type === 'answer' ? renderAnswer(answered.answer, primaryDocId, options) : renderStatusReply(answered.reply, options);
}

/**
 * Answers a question through Desk (a progress question gets the status card,
 * anything else the Assistant; either way it is logged for /stats and 👍/👎):
 * "typing…" while working, the follow-up context when the message replies to an
 * earlier answer, and the exchange remembered so later replies can follow up.
 * When the answer is worded by a language model, a draft appears and grows as
 * the text arrives, and becomes the final answer in place.
 */
export async function answerQuestion(ctx: BotContext, deps: TelegramDeps, memory: ConversationMemory, question: string): Promise<void> {
  const msg = ctx.msg;
  const previous = repliedExchange(msg, ctx.me.id, memory);
  const stopTyping = keepTyping(ctx);
  const { replyTo } = replyOptions(ctx);
  const draft = new DraftReply(ctx, {
    log: deps.log,
    ...(deps.settings.streamEditIntervalMs !== undefined ? { intervalMs: deps.settings.streamEditIntervalMs } : {}),
    ...(replyTo !== undefined ? { replyTo } : {}),
  });
  let answered: DeskAnswer;
  try {
    answered = await deps.desk.ask(deps.assistant, actorOf(ctx), question, contextOf(previous), {
      onText: (text) => {
        stopTyping(); // the draft itself shows that the bot is writing
        draft.update(text);
      },
    });
  } catch (err) {
    draft.cancel(); // bot.catch apologises; no half draft keeps growing after that
    throw err;
  } finally {
    stopTyping();
  }
  const sent = await draft.finish(renderDeskAnswer(answered, deps.assistant.knowledge.primaryDocId));
  const chatId = ctx.chat!.id;
  memory.rememberAnswer(chatId, sent.map((m) => m.message_id), exchangeToRemember(previous, answered));
  if (msg) memory.rememberReplies(chatId, msg.message_id, sent.map((m) => m.message_id));
  deps.log.debug(
    {
      updateId: ctx.update.update_id,
      chatId,
      ...(answered.type === 'answer'
        ? { kind: answered.answer.kind, citations: answered.answer.citations.map((c) => c.sectionId), ms: Math.round(answered.answer.timings.totalMs), streamed: draft.started }
        : { kind: 'status' }),
    },
    'answered',
  );
}

/**
 * Plain messages: text is a question (private chats: any text; groups: only
 * when addressed, which `addressedOnly` checked); an edited question edits its
 * answer; anything that is not text gets a short "send me text".
 */
export function questionHandlers(deps: TelegramDeps, memory: ConversationMemory): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('message:text', async (ctx) => {
    const text = ctx.message.text;
    if (text.startsWith('/')) {
      // A command no handler took: in a group it may be meant for another bot.
      if (!isGroupChat(ctx.chat) || /^\/\w+@\w+/.test(text)) await sendText(ctx, tr('help', ctx.lang, { bot: ctx.me.username }));
      return;
    }
    const question = stripBotMentions(ctx.message, ctx.me);
    if (!question) {
      await sendText(ctx, tr('help', ctx.lang, { bot: ctx.me.username }));
      return;
    }
    await answerQuestion(ctx, deps, memory, question);
  });

  composer.on('edited_message:text', async (ctx) => {
    const edited = ctx.editedMessage;
    const replies = memory.repliesTo(edited.chat.id, edited.message_id);
    if (!replies || replies.length === 0 || edited.text.startsWith('/')) return; // only questions the bot answered
    const question = stripBotMentions(edited, ctx.me);
    if (!question) return;
    const previous = repliedExchange(edited, ctx.me.id, memory);
    const answered = await deps.desk.ask(deps.assistant, actorOf(ctx), question, contextOf(previous));
    const rendered = renderDeskAnswer(answered, deps.assistant.knowledge.primaryDocId);
    const exchange = exchangeToRemember(previous, answered);
    if (replies.length === 1 && rendered.messages.length === 1) {
      await ctx.api.editMessageText(edited.chat.id, replies[0]!, rendered.messages[0]!, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(rendered.keyboard ? { reply_markup: rendered.keyboard } : {}),
      });
      memory.rememberAnswer(edited.chat.id, replies, exchange);
      return;
    }
    // The new answer does not fit where the old one was: answer again below.
    const sent = await sendReply(ctx, rendered, { replyTo: edited.message_id });
    memory.rememberAnswer(edited.chat.id, sent.map((m) => m.message_id), exchange);
    memory.rememberReplies(edited.chat.id, edited.message_id, sent.map((m) => m.message_id));
  });

  composer.on('message', async (ctx) => {
    // Stickers, photos, voice, … In groups only when they were addressed to the bot.
    if (isServiceMessage(ctx.message)) return;
    if (isGroupChat(ctx.chat) && !isAddressedToBot(ctx.message, ctx.me)) return;
    await sendText(ctx, tr('textOnly', ctx.lang));
  });

  return composer;
}

/** Messages Telegram sends about the chat itself (members, titles, pins): never answered. */
function isServiceMessage(msg: Message): boolean {
  const content = ['sticker', 'photo', 'voice', 'video', 'video_note', 'audio', 'document', 'animation', 'location', 'contact', 'poll', 'dice', 'venue', 'game', 'story', 'caption'];
  return !content.some((key) => key in msg);
}
