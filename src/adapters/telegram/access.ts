import type { NextFunction } from 'grammy';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { BotContext } from './context.js';
import type { UserRateLimiter } from '../shared/user-rate-limit.js';
import { tr } from './strings.js';
import { sharedText } from '../shared/strings.js';

/**
 * TELEGRAM_ALLOWED_CHAT_IDS: other chats get a polite refusal and nothing else
 * (at most one refusal per chat per minute, so a busy group is not spammed).
 * Inline queries have no chat: the user's own id (their private chat) decides.
 */
export function allowedChatsOnly(allowed: readonly string[] | undefined, log: Logger, now: () => number = Date.now) {
  const allowedSet = allowed ? new Set(allowed) : undefined;
  // Chats refused within the last minute (the clock is injectable for tests; hence ttlResolution 0).
  const refusedRecently = new LRUCache<string, true>({ max: 10_000, ttl: 60_000, perf: { now }, ttlResolution: 0 });
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    if (!allowedSet) return next();
    const chatId = ctx.chat?.id ?? ctx.from?.id;
    if (chatId === undefined || allowedSet.has(String(chatId))) return next();
    log.info({ chatId, userId: ctx.from?.id }, 'chat not in TELEGRAM_ALLOWED_CHAT_IDS: refused');
    const refusal = tr('notAllowed', ctx.lang);
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: refusal, show_alert: true });
    } else if (ctx.inlineQuery) {
      await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true, button: { text: tr('inlineNotAllowed', ctx.lang), start_parameter: 'start' } });
    } else if (ctx.message) {
      if (refusedRecently.has(String(chatId))) return;
      refusedRecently.set(String(chatId), true);
      await ctx.reply(refusal);
    }
  };
}

/** Per-user limit on messages and button presses, with one polite notice per window (shared by every worker on PostgreSQL). */
export function rateLimited(limiter: UserRateLimiter, onLimited?: () => void) {
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    // Inline queries arrive per keystroke and cost little: they are not counted.
    if (!ctx.from || !(ctx.message || ctx.editedMessage || ctx.callbackQuery)) return next();
    const decision = await limiter.take(String(ctx.from.id));
    if (decision.ok) return next();
    onLimited?.();
    const notice = sharedText('rateLimited', ctx.lang, { seconds: decision.retryInSeconds });
    // A button press is always answered, or the user's app shows a spinner.
    if (ctx.callbackQuery) await ctx.answerCallbackQuery(decision.notify ? { text: notice } : {});
    else if (decision.notify) await ctx.reply(notice);
  };
}
