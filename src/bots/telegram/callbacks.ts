import { Composer } from 'grammy';
import { sectionView } from '../../chat/views.js';
import { parseSectionCallback } from './callback-data.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';
import { renderSection } from './render.js';
import { replyOptions, sendReply } from './reply.js';
import { tr } from './strings.js';

/** Buttons under answers and the table of contents: each opens the full text of a section. */
export function callbackHandlers(deps: TelegramDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('callback_query:data', async (ctx) => {
    const sectionId = parseSectionCallback(ctx.callbackQuery.data);
    const view = sectionId ? sectionView(deps.assistant, sectionId, ctx.lang) : undefined;
    if (!view || !ctx.chat) {
      // Old buttons (an index without that section, a format from an older version).
      await ctx.answerCallbackQuery({ text: sectionId ? tr('unknownSection', ctx.lang, { id: sectionId }) : tr('buttonExpired', ctx.lang) });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendReply(ctx, renderSection(view, ctx.lang), replyOptions(ctx));
  });
  // Buttons without data (games): nothing to do, but the spinner must stop.
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery());
  return composer;
}
