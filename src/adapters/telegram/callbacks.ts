import { Composer } from 'grammy';
import { sectionView } from '../shared/views.js';
import { parseFeedbackPayload } from '../../services/questions/feedback.js';
import { actorOf } from './actor.js';
import { parseSectionCallback, parseSectionLanguageCallback } from './callback-data.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';
import { renderSection } from './render-section.js';
import { replyOptions, sendReply } from './reply.js';
import { tr } from './strings.js';
import { t } from '../../engine/answer/strings.js';

/**
 * Buttons under answers, sections and the table of contents: open a section,
 * switch a section between Chinese and its English translation (in place), and
 * 👍/👎 on an answer (stored against the logged question; a second vote by the
 * same user replaces the first). Every press is answered, or the user's app
 * keeps showing a spinner.
 */
export function callbackHandlers(deps: TelegramDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.callbackQuery(/^fb:/, async (ctx) => {
    const parsed = parseFeedbackPayload(ctx.callbackQuery.data);
    // The toast is for whoever pressed: their app's language (in a group, not necessarily the asker's).
    const { result, text } = await deps.desk.feedback(ctx.callbackQuery.data, actorOf(ctx), ctx.commandLang);
    deps.log.info({ vote: parsed?.vote, outcome: result.outcome }, 'answer feedback');
    await ctx.answerCallbackQuery({ text });
  });

  composer.callbackQuery(/^sl:/, async (ctx) => {
    const parsed = parseSectionLanguageCallback(ctx.callbackQuery.data);
    const lang = ctx.commandLang; // the presser's language: the message shows the section's, not theirs
    const view = parsed ? sectionView(deps.assistant, parsed.sectionId, lang) : undefined;
    if (!parsed || !view || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: parsed ? t('unknownSection', lang, { id: parsed.sectionId }) : tr('buttonExpired', lang) });
      return;
    }
    await ctx.answerCallbackQuery();
    const next = renderSection(view, lang, parsed.language);
    const current = renderSection(view, lang, parsed.language === 'en' ? 'zh' : 'en');
    const message = ctx.callbackQuery.message;
    // One message each way: flip it in place. A long section (several messages) gets the other language below.
    if (message && next.messages.length === 1 && current.messages.length === 1) {
      await ctx.editMessageText(next.messages[0]!, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(next.keyboard ? { reply_markup: next.keyboard } : {}) });
      return;
    }
    await sendReply(ctx, next, replyOptions(ctx));
  });

  composer.on('callback_query:data', async (ctx) => {
    const sectionId = parseSectionCallback(ctx.callbackQuery.data);
    const view = sectionId ? sectionView(deps.assistant, sectionId, ctx.lang) : undefined;
    if (!view || !ctx.chat) {
      // Old buttons (an index without that section, a format from an older version).
      await ctx.answerCallbackQuery({ text: sectionId ? t('unknownSection', ctx.lang, { id: sectionId }) : tr('buttonExpired', ctx.lang) });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendReply(ctx, renderSection(view, ctx.lang), replyOptions(ctx));
  });
  // Buttons without data (games): nothing to do, but the spinner must stop.
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery());
  return composer;
}
