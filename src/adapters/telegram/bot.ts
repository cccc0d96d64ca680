import { autoRetry } from '@grammyjs/auto-retry';
import { reportUnreachableApi } from './unreachable.js';
import { sequentialize } from '@grammyjs/runner';
import { Bot } from 'grammy';
import { createUserRateLimiter } from '../shared/user-rate-limit.js';
import { allowedChatsOnly, rateLimited } from './access.js';
import { onceAcrossWorkers } from './dedup.js';
import { addressedOnly } from './addressing.js';
import { adminCommands } from './admin.js';
import { callbackHandlers } from './callbacks.js';
import { userCommands } from './commands.js';
import { BotContext } from './context.js';
import type { TelegramDeps } from './deps.js';
import { errorHandler } from './errors.js';
import { inlineHandlers } from './inline.js';
import { ConversationMemory } from './conversation-memory.js';
import { questionHandlers } from './questions.js';
import { reindexHandlers } from './reindex-commands.js';
import { makeWellFormedInPlace, wellFormedDeep } from '../../engine/text/well-formed.js';

/**
 * The grammY bot with all of PlanBot's behaviour, and no I/O until it is
 * started (see start.ts). Middleware order matters: silence in groups unless
 * addressed, then the allowed-chat gate, then the rate limit, then handlers.
 */
export function createTelegramBot(deps: TelegramDeps): Bot<BotContext> {
  const { settings } = deps;
  const bot = new Bot<BotContext>(settings.token, {
    ContextConstructor: BotContext,
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: { ...(settings.apiRoot ? { apiRoot: settings.apiRoot } : {}) },
  });
  // Network failures are logged attempt by attempt (inside auto-retry, which retries them without end).
  bot.api.config.use(reportUnreachableApi(deps.log, settings.apiRoot ?? 'https://api.telegram.org'));
  // 429 (flood wait) and 5xx from the Bot API are retried; a wait longer than 30 s fails the request instead.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  // Telegram refuses a message with a lone UTF-16 surrogate: every outgoing payload is made well-formed here, once.
  bot.api.config.use((prev, method, payload, signal) => prev(method, wellFormedDeep(payload), signal));
  bot.catch(errorHandler(deps));

  // …and every incoming update too (a client can send half an emoji), before any handler reads it.
  bot.use((ctx, next) => {
    makeWellFormedInPlace(ctx.update);
    return next();
  });

  // An update delivered to two workers (or re-sent after a restart) is handled by the first to claim it.
  bot.use(onceAcrossWorkers(deps));
  // Updates of one chat are handled in order; different chats run concurrently.
  bot.use(sequentialize(orderKey));
  bot.use(addressedOnly);
  bot.use(allowedChatsOnly(settings.allowedChatIds, deps.log, deps.now));
  bot.use(rateLimited(createUserRateLimiter({ perMinute: settings.rateLimitPerMinute, platform: 'telegram', db: deps.desk.db, log: deps.log }), () => deps.desk.metrics?.rateLimited('telegram')));

  const memory = new ConversationMemory();
  bot.use(adminCommands(deps));
  bot.use(userCommands(deps, memory));
  // Documents and the re-index buttons come before the generic button and "send me text" handlers.
  bot.use(reindexHandlers(deps));
  bot.use(callbackHandlers(deps));
  bot.use(inlineHandlers(deps));
  bot.use(questionHandlers(deps, memory));
  return bot;
}

/**
 * Which updates must wait for each other: those of the same chat. Re-index work
 * (a document being read, a Confirm building a version) has its own line per chat,
 * so a build that takes a while does not hold up the questions asked meanwhile.
 */
function orderKey(ctx: BotContext): string | undefined {
  if (!ctx.chat) return undefined;
  const reindexWork = ctx.message?.document !== undefined || ctx.callbackQuery?.data?.startsWith('rx:') === true;
  return reindexWork ? `reindex:${ctx.chat.id}` : String(ctx.chat.id);
}
