import { Composer, type Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { ReplyLang } from '../../engine/text/i18n.js';
import { aboutView, documentsView, renderDocumentsText, sectionView, tableOfContents } from '../shared/views.js';
import { lookupSection } from '../shared/section-lookup.js';
import { td } from '../../engine/answer/document-strings.js';
import { t } from '../../engine/answer/strings.js';
import type { Logger } from 'pino';
import { scrubSecrets } from '../../engine/text/secrets.js';
import { parseSectionDeepLink } from './callback-data.js';
import type { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';
import type { ConversationMemory } from './conversation-memory.js';
import { actorOf } from './actor.js';
import { answerQuestion } from './questions.js';
import { renderAbout } from './render-about.js';
import { renderSection, renderToc } from './render-section.js';
import { renderStatusReply } from './render-status.js';
import { replyOptions, sendReply, sendText } from './reply.js';
import { tr } from './strings.js';
import { COMMAND_DESCRIPTIONS, sharedText } from '../shared/strings.js';


/** The verbatim text of a section, or a polite "no such section" naming what was asked. */
async function showSection(ctx: BotContext, deps: TelegramDeps, input: string): Promise<void> {
  const view = sectionView(deps.assistant, input, ctx.lang);
  if (!view) {
    const lookup = lookupSection(deps.assistant.knowledge, input);
    const unknownDoc = !lookup.found && lookup.reason === 'unknownDocument' ? lookup.document : undefined;
    await sendText(ctx, unknownDoc ? td('unknownDocument', ctx.lang, { doc: unknownDoc.slice(0, 60) }) : t('unknownSection', ctx.lang, { id: input.slice(0, 100) }));
    return;
  }
  await sendReply(ctx, renderSection(view, ctx.lang), replyOptions(ctx));
}

function welcome(ctx: BotContext, deps: TelegramDeps): string {
  const kb = deps.assistant.knowledge;
  const meta = kb.documentMeta();
  const title = (ctx.lang === 'en' ? meta?.titleEn : undefined) ?? meta?.title ?? kb.manifest.documents[0]?.title ?? '';
  return tr('welcome', ctx.lang, { title });
}

/** /start (with deep links such as sec_4_2_3), /help, /ask, /section, /status, /toc, /about. */
export function userCommands(deps: TelegramDeps, memory: ConversationMemory): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('start', async (ctx) => {
    const sectionId = parseSectionDeepLink(ctx.match);
    if (sectionId) return showSection(ctx, deps, sectionId);
    await sendText(ctx, welcome(ctx, deps));
  });

  composer.command('help', async (ctx) => {
    const help = tr('help', ctx.lang, { bot: ctx.me.username });
    // Admins also see their commands (they are not in the public menu).
    const admin = ctx.from !== undefined && deps.permissions.isAdmin(actorOf(ctx));
    await sendText(ctx, admin ? `${help}\n\n${tr('adminHelp', ctx.lang)}` : help);
  });

  composer.command('ask', async (ctx) => {
    const question = ctx.match.trim();
    if (!question) return void (await sendText(ctx, tr('askUsage', ctx.lang)));
    await answerQuestion(ctx, deps, memory, question);
  });

  composer.command('section', async (ctx) => {
    const input = ctx.match.trim();
    if (!input) return void (await sendText(ctx, sharedText('sectionUsage', ctx.lang)));
    await showSection(ctx, deps, input);
  });

  // /status (overview by chapter), /status 4.2.12 (the item's card), /status in_progress (the items with it).
  composer.command('status', async (ctx) => {
    const reply = await deps.desk.status.status(ctx.match, ctx.commandLang);
    await sendReply(ctx, renderStatusReply(reply), replyOptions(ctx));
  });

  composer.command('toc', async (ctx) => {
    await sendReply(ctx, renderToc(tableOfContents(deps.assistant, 0, ctx.lang), ctx.lang), replyOptions(ctx));
  });

  composer.command('docs', async (ctx) => {
    await sendText(ctx, renderDocumentsText(documentsView(deps.assistant, ctx.lang), ctx.lang));
  });

  composer.command('about', async (ctx) => {
    const health = await deps.desk.healthLines(ctx.lang);
    await sendReply(ctx, { messages: [renderAbout(aboutView(deps.assistant), ctx.lang, { answerMode: deps.answerMode, health })] }, replyOptions(ctx));
  });

  return composer;
}

const MENU_ORDER = ['ask', 'section', 'status', 'toc', 'docs', 'about', 'help', 'start'] as const;

function commandMenu(lang: ReplyLang): BotCommand[] {
  return MENU_ORDER.map((command) => ({ command, description: COMMAND_DESCRIPTIONS[command][lang] }));
}

/**
 * Registers the command menu: English by default, Chinese for Chinese apps.
 * Admin commands stay out of it (everyone would see them); /help lists them for admins.
 * Telegram's language codes have no script, so "zh" gets the plan's script.
 * A failure is logged, not fatal: the commands work without the menu.
 */
export async function registerCommandMenu(api: Api, log: Logger): Promise<void> {
  try {
    await api.setMyCommands(commandMenu('en'));
    await api.setMyCommands(commandMenu('zh-Hant'), { language_code: 'zh' });
  } catch (err) {
    log.warn({ err: scrubSecrets((err as Error).message) }, 'could not register the Telegram command menu');
  }
}
