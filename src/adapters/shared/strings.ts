import { defineCatalog, type ReplyLang } from '../../engine/text/i18n.js';

/** Fixed texts more than one front end sends word for word (Telegram, Slack, the local chat), kept once. */
export const sharedText = defineCatalog({
  rateLimited: {
    'zh-Hant': '您的提問有點快,請 {seconds} 秒後再試。',
    'zh-Hans': '您的提问有点快,请 {seconds} 秒后再试。',
    en: 'You are asking a little fast. Please try again in {seconds} seconds.',
  },
  aboutTitle: { 'zh-Hant': '文件', 'zh-Hans': '文件', en: 'Document' },
  aboutVersion: { 'zh-Hant': '索引版本', 'zh-Hans': '索引版本', en: 'Index version' },
  aboutIndexedAt: { 'zh-Hant': '建立時間', 'zh-Hans': '建立时间', en: 'Indexed at' },
  aboutEmbedder: { 'zh-Hant': '向量模型', 'zh-Hans': '向量模型', en: 'Embedder' },
  aboutSections: { 'zh-Hant': '章節數', 'zh-Hans': '章节数', en: 'Sections' },
  aboutAnswers: { 'zh-Hant': '回答方式', 'zh-Hans': '回答方式', en: 'Answers' },
  answerModeExtractive: {
    'zh-Hant': '摘錄計畫原文(未使用語言模型)',
    'zh-Hans': '摘录计划原文(未使用语言模型)',
    en: 'extractive (quotes the plan; no language model)',
  },
  answerModeLlm: {
    'zh-Hant': '語言模型 {model} 撰寫,引用均經核對',
    'zh-Hans': '语言模型 {model} 撰写,引用均经核对',
    en: 'worded by the language model {model}, every citation checked',
  },
  apology: {
    'zh-Hant': '抱歉,處理您的訊息時出了問題。請稍後再試。',
    'zh-Hans': '抱歉,处理您的消息时出了问题。请稍后再试。',
    en: 'Sorry, something went wrong while handling your message. Please try again in a moment.',
  },
  sectionUsage: {
    'zh-Hant': '請在 /section 後面寫上章節編號,例如:/section 4.2.3。/toc 可查看目錄。',
    'zh-Hans': '请在 /section 后面写上章节编号,例如:/section 4.2.3。/toc 可查看目录。',
    en: 'Put a section number after /section, e.g. /section 4.2.3. /toc shows the table of contents.',
  },
});

/** Command menu entries (setMyCommands), per language. Telegram shows the one matching the app language. */
export const COMMAND_DESCRIPTIONS: Record<'start' | 'help' | 'ask' | 'section' | 'status' | 'toc' | 'docs' | 'about', Record<ReplyLang, string>> = {
  ask: { 'zh-Hant': '提問(例如 /ask 水資源合作)', 'zh-Hans': '提问(例如 /ask 水资源合作)', en: 'Ask a question about the plan' },
  section: { 'zh-Hant': '章節原文(例如 /section 4.2.3)', 'zh-Hans': '章节原文(例如 /section 4.2.3)', en: 'Verbatim text of a section, e.g. /section 4.2.3' },
  status: { 'zh-Hant': '執行進度(例如 /status 4.2.12)', 'zh-Hans': '执行进度(例如 /status 4.2.12)', en: 'Progress of the plan, e.g. /status 4.2.12' },
  toc: { 'zh-Hant': '目錄', 'zh-Hans': '目录', en: 'Table of contents' },
  docs: { 'zh-Hant': '文件清單', 'zh-Hans': '文件清单', en: 'The documents I answer from' },
  about: { 'zh-Hant': '文件與索引資訊', 'zh-Hans': '文件与索引信息', en: 'Document and index details' },
  help: { 'zh-Hant': '使用說明', 'zh-Hans': '使用说明', en: 'How to use this bot' },
  start: { 'zh-Hant': '歡迎訊息', 'zh-Hans': '欢迎信息', en: 'Welcome message' },
};
