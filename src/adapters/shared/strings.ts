import { defineCatalog } from '../../engine/text/i18n.js';

/** Fixed texts Telegram and Slack both send word for word, kept once. */
export const sharedText = defineCatalog({
  rateLimited: {
    'zh-Hant': '您的提問有點快,請 {seconds} 秒後再試。',
    'zh-Hans': '您的提问有点快,请 {seconds} 秒后再试。',
    en: 'You are asking a little fast. Please try again in {seconds} seconds.',
  },
});
