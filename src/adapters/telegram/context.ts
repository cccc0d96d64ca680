import { Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { ReplyLang } from '../../engine/text/i18n.js';
import { langFromCode, userLang } from './language.js';

const detected = new WeakMap<Update, ReplyLang>();

/**
 * grammY's context plus `lang`, the language of the bot's fixed strings for this
 * update. It is worked out on first use: most questions are answered by the
 * Assistant, which detects the language itself.
 */
export class BotContext extends Context {
  get lang(): ReplyLang {
    let lang = detected.get(this.update);
    if (lang === undefined) {
      lang = userLang(this.msg?.text ?? this.msg?.caption ?? this.inlineQuery?.query, this.from?.language_code);
      detected.set(this.update, lang);
    }
    return lang;
  }

  /**
   * The user's app language (else `lang`), for replies to commands whose arguments
   * are keywords (`/setstatus 4.2.12 done due=…`: the app says more than those words)
   * and for toasts after a button press (the button's message may be in another
   * user's language).
   */
  get commandLang(): ReplyLang {
    return langFromCode(this.from?.language_code) ?? this.lang;
  }
}
