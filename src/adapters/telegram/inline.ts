import { Composer } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import { shorten } from '../../engine/answer/render-text.js';
import { sectionRef } from '../../engine/answer/document-labels.js';
import { sectionView } from '../shared/views.js';
import { sectionDeepLink } from './callback-data.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';
import { renderSharedSection } from './render-section.js';
import { tr } from './strings.js';

const MAX_RESULTS = 10;

/**
 * Inline mode: "@bot 水資源" in any chat lists matching sections (number, title,
 * snippet); choosing one posts the section with its citation, and a button
 * opens the bot for the full text. An empty query lists the chapters.
 */
export function inlineHandlers(deps: TelegramDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim().slice(0, 256);
    const kb = deps.assistant.knowledge;
    let ids: string[];
    if (query) {
      const retrieval = await deps.assistant.retriever(kb).retrieve(query, { limit: MAX_RESULTS });
      // Sections of every document; one of another document carries it in its ref (minutes:1.2).
      ids = retrieval.results.filter((r) => retrieval.mode === 'reference' || r.coverage > 0).map((r) => sectionRef(kb, r.docId, r.section.id));
    } else {
      ids = kb.sections().filter((s) => s.depth === 0).map((s) => s.id);
    }
    const results: InlineQueryResultArticle[] = [];
    for (const id of ids.slice(0, MAX_RESULTS)) {
      const view = sectionView(deps.assistant, id, ctx.lang);
      if (!view) continue;
      const link = sectionDeepLink(view.id);
      // Inline result ids are limited to 64 bytes too.
      const resultId = `s:${view.id}`;
      if (Buffer.byteLength(resultId) > 64) continue;
      results.push({
        type: 'article',
        id: resultId,
        title: view.label,
        description: shorten(view.text, 120),
        input_message_content: { message_text: renderSharedSection(view, view.docTitle, ctx.lang), parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
        ...(link ? { reply_markup: { inline_keyboard: [[{ text: tr('fullText', ctx.lang), url: `https://t.me/${ctx.me.username}?start=${link}` }]] } } : {}),
      });
    }
    // Personal: labels and buttons follow the asker's language.
    await ctx.answerInlineQuery(results, { cache_time: 60, is_personal: true });
  });
  return composer;
}
