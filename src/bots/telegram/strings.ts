import type { ReplyLang } from '../../answer/strings.js';

/**
 * Every fixed string the Telegram bot sends, in the three reply languages.
 * Values are plain text with {placeholders}; callers escape them for HTML.
 */
const STRINGS = {
  welcome: {
    'zh-Hant': '您好!我回答關於《{title}》的問題,每個回答都引用計畫的章節原文。\n\n直接用文字提問,例如「水資源合作有哪些安排?」,或輸入章節編號,例如「4.2.3」。/help 查看全部指令。',
    'zh-Hans': '您好!我回答关于《{title}》的问题,每个回答都引用计划的章节原文。\n\n直接用文字提问,例如“水资源合作有哪些安排?”,或输入章节编号,例如“4.2.3”。/help 查看全部指令。',
    en: 'Hello! I answer questions about "{title}", and every answer cites the plan\'s own sections.\n\nJust ask in words, e.g. "What does the plan say about water resources?", or send a section number such as 4.2.3. /help lists all commands.',
  },
  help: {
    'zh-Hant':
      '提問方式:\n• 私訊:直接輸入問題。\n• 群組:@提及我、回覆我的訊息,或用 /ask。\n• 回覆我的回答即可追問,例如「它的資金從哪裡來?」。\n\n指令:\n/ask 問題 — 提問\n/section 4.2.3 — 章節原文\n/toc — 目錄\n/about — 文件與索引資訊\n\n在任何聊天中輸入 @{bot} 水資源 可搜尋並分享章節。',
    'zh-Hans':
      '提问方式:\n• 私聊:直接输入问题。\n• 群组:@提及我、回复我的消息,或用 /ask。\n• 回复我的回答即可追问,例如“它的资金从哪里来?”。\n\n指令:\n/ask 问题 — 提问\n/section 4.2.3 — 章节原文\n/toc — 目录\n/about — 文件与索引信息\n\n在任何聊天中输入 @{bot} 水资源 可搜索并分享章节。',
    en:
      'How to ask:\n• Private chat: just type your question.\n• Groups: mention me, reply to one of my messages, or use /ask.\n• Reply to one of my answers to follow up, e.g. "Where does its money come from?".\n\nCommands:\n/ask question — ask a question\n/section 4.2.3 — the verbatim text of a section\n/toc — table of contents\n/about — document and index details\n\nIn any chat, type @{bot} water to find and share a section.',
  },
  askUsage: {
    'zh-Hant': '請在 /ask 後面寫上問題,例如:/ask 水資源合作有哪些安排?',
    'zh-Hans': '请在 /ask 后面写上问题,例如:/ask 水资源合作有哪些安排?',
    en: 'Put your question after /ask, e.g. /ask What does the plan say about water resources?',
  },
  sectionUsage: {
    'zh-Hant': '請在 /section 後面寫上章節編號,例如:/section 4.2.3。/toc 可查看目錄。',
    'zh-Hans': '请在 /section 后面写上章节编号,例如:/section 4.2.3。/toc 可查看目录。',
    en: 'Put a section number after /section, e.g. /section 4.2.3. /toc shows the table of contents.',
  },
  unknownSection: {
    'zh-Hant': '找不到章節「{id}」。可用 /toc 查看目錄。',
    'zh-Hans': '找不到章节“{id}”。可用 /toc 查看目录。',
    en: 'There is no section "{id}". Use /toc to see the table of contents.',
  },
  includes: { 'zh-Hant': '本部分包括:', 'zh-Hans': '本部分包括:', en: 'This part includes:' },
  translationNotice: {
    'zh-Hant': '英文譯本(非官方,以中文原文為準):',
    'zh-Hans': '英文译本(非官方,以中文原文为准):',
    en: 'Unofficial English translation (the Chinese text is authoritative):',
  },
  tocTitle: { 'zh-Hant': '目錄(點選章節查看原文):', 'zh-Hans': '目录(点选章节查看原文):', en: 'Table of contents (tap a part to read it):' },
  aboutTitle: { 'zh-Hant': '文件', 'zh-Hans': '文件', en: 'Document' },
  aboutVersion: { 'zh-Hant': '索引版本', 'zh-Hans': '索引版本', en: 'Index version' },
  aboutIndexedAt: { 'zh-Hant': '建立時間', 'zh-Hans': '建立时间', en: 'Indexed at' },
  aboutEmbedder: { 'zh-Hant': '向量模型', 'zh-Hans': '向量模型', en: 'Embedder' },
  aboutSections: { 'zh-Hant': '章節數', 'zh-Hans': '章节数', en: 'Sections' },
  textOnly: {
    'zh-Hant': '我只能讀文字。請用文字提出關於計畫的問題。',
    'zh-Hans': '我只能读文字。请用文字提出关于计划的问题。',
    en: 'I can only read text. Please send me your question about the plan as a text message.',
  },
  rateLimited: {
    'zh-Hant': '您的提問有點快,請 {seconds} 秒後再試。',
    'zh-Hans': '您的提问有点快,请 {seconds} 秒后再试。',
    en: 'You are asking a little fast. Please try again in {seconds} seconds.',
  },
  notAllowed: {
    'zh-Hant': '抱歉,這個聊天未獲授權使用本機器人。如需使用,請聯絡管理員。',
    'zh-Hans': '抱歉,这个聊天未获授权使用本机器人。如需使用,请联系管理员。',
    en: 'Sorry, this bot is not enabled for this chat. Please contact the administrator if you need access.',
  },
  apology: {
    'zh-Hant': '抱歉,處理您的訊息時出了問題。請稍後再試。',
    'zh-Hans': '抱歉,处理您的消息时出了问题。请稍后再试。',
    en: 'Sorry, something went wrong while handling your message. Please try again in a moment.',
  },
  buttonExpired: {
    'zh-Hant': '這個按鈕已失效,請重新提問。',
    'zh-Hans': '这个按钮已失效,请重新提问。',
    en: 'This button no longer works; please ask again.',
  },
  fullText: { 'zh-Hant': '閱讀全文', 'zh-Hans': '阅读全文', en: 'Read in full' },
  truncatedSection: {
    'zh-Hant': '(節錄。全文請用 /section {id})',
    'zh-Hans': '(节录。全文请用 /section {id})',
    en: '(Excerpt. For the full text use /section {id})',
  },
  adminOnly: {
    'zh-Hant': '抱歉,這個指令只供管理員使用。',
    'zh-Hans': '抱歉,这个指令只供管理员使用。',
    en: 'Sorry, this command is for administrators only.',
  },
  reloadDone: {
    'zh-Hant': '已載入索引 {version}(原為 {previous}),共 {sections} 個章節。',
    'zh-Hans': '已载入索引 {version}(原为 {previous}),共 {sections} 个章节。',
    en: 'Loaded index {version} (was {previous}), {sections} sections.',
  },
  reloadUnchanged: {
    'zh-Hant': '索引沒有變化,仍為 {version}。',
    'zh-Hans': '索引没有变化,仍为 {version}。',
    en: 'The index has not changed; still serving {version}.',
  },
  reloadFailed: {
    'zh-Hant': '無法載入索引,繼續使用 {version}:{reason}',
    'zh-Hans': '无法载入索引,继续使用 {version}:{reason}',
    en: 'Could not load the index, still serving {version}: {reason}',
  },
  reloadUnavailable: {
    'zh-Hant': '此執行方式不支援重新載入索引。',
    'zh-Hans': '此运行方式不支持重新载入索引。',
    en: 'Reloading the index is not available in this deployment.',
  },
  inlineNotAllowed: { 'zh-Hant': '未獲授權:請聯絡管理員', 'zh-Hans': '未获授权:请联系管理员', en: 'Not enabled for you: contact the administrator' },
} as const satisfies Record<string, Record<ReplyLang, string>>;

export type BotStringKey = keyof typeof STRINGS;

/** A fixed bot string in the user's language, with {placeholders} filled in. */
export function tr(key: BotStringKey, lang: ReplyLang, vars: Record<string, string | number> = {}): string {
  const template: string = STRINGS[key][lang];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Command menu entries (setMyCommands), per language. Telegram shows the one matching the app language. */
export const COMMAND_DESCRIPTIONS: Record<'start' | 'help' | 'ask' | 'section' | 'toc' | 'about', Record<ReplyLang, string>> = {
  ask: { 'zh-Hant': '提問(例如 /ask 水資源合作)', 'zh-Hans': '提问(例如 /ask 水资源合作)', en: 'Ask a question about the plan' },
  section: { 'zh-Hant': '章節原文(例如 /section 4.2.3)', 'zh-Hans': '章节原文(例如 /section 4.2.3)', en: 'Verbatim text of a section, e.g. /section 4.2.3' },
  toc: { 'zh-Hant': '目錄', 'zh-Hans': '目录', en: 'Table of contents' },
  about: { 'zh-Hant': '文件與索引資訊', 'zh-Hans': '文件与索引信息', en: 'Document and index details' },
  help: { 'zh-Hant': '使用說明', 'zh-Hans': '使用说明', en: 'How to use this bot' },
  start: { 'zh-Hant': '歡迎訊息', 'zh-Hans': '欢迎信息', en: 'Welcome message' },
};
