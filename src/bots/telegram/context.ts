import { Context } from 'grammy';
import type { ReplyLang } from '../../answer/strings.js';

/** grammY's context plus the language the bot's fixed strings are written in for this update. */
export class BotContext extends Context {
  lang: ReplyLang = 'zh-Hant';
}
