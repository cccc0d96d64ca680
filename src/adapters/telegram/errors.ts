import { type BotError, GrammyError, HttpError } from 'grammy';
import { scrubSecrets } from '../../engine/text/secrets.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';
import { tr } from './strings.js';
import { sharedText } from '../shared/strings.js';

/**
 * `bot.catch`: any error while handling an update becomes one log line with the
 * update id (no token, no stack in chat) and a short apology to the user.
 */
export function errorHandler(deps: Pick<TelegramDeps, 'log'>) {
  return async (err: BotError<BotContext>): Promise<void> => {
    const ctx = err.ctx;
    const cause = err.error;
    const detail =
      cause instanceof GrammyError
        ? { method: cause.method, status: cause.error_code, description: cause.description }
        : cause instanceof HttpError
          ? { network: scrubSecrets(String(cause.error)) }
          : { error: scrubSecrets(cause instanceof Error ? cause.message : String(cause)) };
    deps.log.error({ updateId: ctx.update.update_id, chatId: ctx.chat?.id, ...detail }, 'failed to handle a Telegram update');
    try {
      // Telegram refused a reply (400 on a send): the work before it is done, so say that, not "something went wrong".
      const replyRefused = cause instanceof GrammyError && cause.error_code === 400 && /^(sendMessage|editMessageText)$/.test(cause.method);
      const apology = replyRefused ? tr('replyRefused', ctx.lang) : sharedText('apology', ctx.lang);
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: apology }).catch(() => undefined);
      if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 }).catch(() => undefined);
      else if (ctx.chat && ctx.chat.type !== 'channel') await ctx.reply(apology);
    } catch (replyErr) {
      deps.log.warn({ updateId: ctx.update.update_id, err: scrubSecrets((replyErr as Error).message) }, 'could not send the apology either');
    }
  };
}
