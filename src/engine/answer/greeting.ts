import { normalizeForSearch } from '../text/normalize.js';

/**
 * Greetings and thanks, which deserve a short hello rather than a search or a
 * refusal. Matched on the whole message (simplified, lower-case): it must consist
 * of nothing but these words, particles, names of the bot and punctuation.
 */
const CHINESE = ['你好', '您好', '妳好', '大家好', '哈喽', '哈啰', '哈罗', '嗨', '早安', '午安', '晚安', '早上好', '中午好', '下午好', '晚上好', '早', '谢谢', '多谢', '感谢', '谢了', '谢啦', '感恩', '辛苦了', '再见', '拜拜'];
const ENGLISH = new Set(['hi', 'hello', 'hey', 'hiya', 'howdy', 'greetings', 'morning', 'afternoon', 'evening', 'good', 'thanks', 'thank', 'thx', 'ty', 'cheers', 'bye', 'goodbye', 'you', 'so', 'much', 'a', 'lot', 'there', 'all', 'planbot', 'bot', 'again']);
/** Words that only soften a greeting (你好啊, 谢谢你). */
const PARTICLES = /[啊呀吖哈哦喔噢嗯呢吧啦嘛你您们大家了很非常]/gu;
const GREETING_WORD = /^(hi|hello|hey|hiya|howdy|greetings|morning|afternoon|evening|thanks|thank|thx|ty|cheers|bye|goodbye)$/;

export function isGreeting(question: string): boolean {
  const text = normalizeForSearch(question).replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
  if (!text || text.length > 40) return false;
  if (/\p{Script=Han}/u.test(text)) {
    let rest = text.replace(/planbot|bot/g, '').replace(/\s+/g, '');
    let found = false;
    for (const word of [...CHINESE].sort((a, b) => b.length - a.length)) {
      if (rest.includes(word)) {
        found = true;
        rest = rest.split(word).join('');
      }
    }
    return found && rest.replace(PARTICLES, '').length === 0;
  }
  const words = text.split(/\s+/);
  return words.some((w) => GREETING_WORD.test(w)) && words.every((w) => ENGLISH.has(w));
}
