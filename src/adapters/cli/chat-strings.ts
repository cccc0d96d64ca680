import { defineCatalog } from '../../engine/text/i18n.js';

/**
 * Wording only the local chat needs; everything Telegram or Slack already say
 * (help lines, usage, /about labels, apologies) is reused from their string tables.
 */
export const cs = defineCatalog({
  commandsHeading: { 'zh-Hant': '指令:', 'zh-Hans': '指令:', en: 'Commands:' },
  followUps: {
    'zh-Hant': '追問時直接輸入即可,例如「它的資金從哪裡來?」。',
    'zh-Hans': '追问时直接输入即可,例如“它的资金从哪里来?”。',
    en: 'To follow up, just ask, e.g. "Where does its money come from?".',
  },
  newCommand: { 'zh-Hant': '忘記目前的對話', 'zh-Hans': '忘记当前的对话', en: 'Forget the conversation' },
  quitCommand: { 'zh-Hant': '離開', 'zh-Hans': '离开', en: 'Leave the chat' },
  cleared: { 'zh-Hant': '(對話已清除)', 'zh-Hans': '(对话已清除)', en: '(conversation cleared)' },
  unknownCommand: {
    'zh-Hant': '沒有 /{command} 這個指令。輸入 /help 查看可用的指令。',
    'zh-Hans': '没有 /{command} 这个指令。输入 /help 查看可用的指令。',
    en: 'There is no command /{command}. Type /help to see the commands.',
  },
});
