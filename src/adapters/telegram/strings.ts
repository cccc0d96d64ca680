import { defineCatalog } from '../../engine/text/i18n.js';

/**
 * Every fixed string the Telegram bot sends, in the three reply languages.
 * Values are plain text with {placeholders}; callers escape them for HTML.
 */
export const tr = defineCatalog({
  welcome: {
    'zh-Hant': '您好!我回答關於《{title}》的問題,每個回答都引用計畫的章節原文。\n\n直接用文字提問,例如「水資源合作有哪些安排?」,或輸入章節編號,例如「4.2.3」。/help 查看全部指令。',
    'zh-Hans': '您好!我回答关于《{title}》的问题,每个回答都引用计划的章节原文。\n\n直接用文字提问,例如“水资源合作有哪些安排?”,或输入章节编号,例如“4.2.3”。/help 查看全部指令。',
    en: 'Hello! I answer questions about "{title}", and every answer cites the plan\'s own sections.\n\nJust ask in words, e.g. "What does the plan say about water resources?", or send a section number such as 4.2.3. /help lists all commands.',
  },
  help: {
    'zh-Hant':
      '提問方式:\n• 私訊:直接輸入問題。\n• 群組:@提及我、回覆我的訊息,或用 /ask。\n• 回覆我的回答即可追問,例如「它的資金從哪裡來?」。\n\n指令:\n/ask 問題 — 提問\n/section 4.2.3 — 章節原文\n/status 4.2.12 — 執行進度(/status 查看總覽)\n/toc — 目錄\n/docs — 文件清單(其他文件的章節:/section minutes:1.2)\n/about — 文件與索引資訊\n\n在任何聊天中輸入 @{bot} 水資源 可搜尋並分享章節。',
    'zh-Hans':
      '提问方式:\n• 私聊:直接输入问题。\n• 群组:@提及我、回复我的消息,或用 /ask。\n• 回复我的回答即可追问,例如“它的资金从哪里来?”。\n\n指令:\n/ask 问题 — 提问\n/section 4.2.3 — 章节原文\n/status 4.2.12 — 执行进度(/status 查看总览)\n/toc — 目录\n/docs — 文件清单(其他文件的章节:/section minutes:1.2)\n/about — 文件与索引信息\n\n在任何聊天中输入 @{bot} 水资源 可搜索并分享章节。',
    en:
      'How to ask:\n• Private chat: just type your question.\n• Groups: mention me, reply to one of my messages, or use /ask.\n• Reply to one of my answers to follow up, e.g. "Where does its money come from?".\n\nCommands:\n/ask question — ask a question\n/section 4.2.3 — the verbatim text of a section\n/status 4.2.12 — progress of a plan item (/status alone: overview)\n/toc — table of contents\n/docs — the documents (a section of another one: /section minutes:1.2)\n/about — document and index details\n\nIn any chat, type @{bot} water to find and share a section.',
  },
  askUsage: {
    'zh-Hant': '請在 /ask 後面寫上問題,例如:/ask 水資源合作有哪些安排?',
    'zh-Hans': '请在 /ask 后面写上问题,例如:/ask 水资源合作有哪些安排?',
    en: 'Put your question after /ask, e.g. /ask What does the plan say about water resources?',
  },
  translationNotice: {
    'zh-Hant': '英文譯本(非官方,以中文原文為準):',
    'zh-Hans': '英文译本(非官方,以中文原文为准):',
    en: 'Unofficial English translation (the Chinese text is authoritative):',
  },
  tocTitle: { 'zh-Hant': '目錄(點選章節查看原文):', 'zh-Hans': '目录(点选章节查看原文):', en: 'Table of contents (tap a part to read it):' },
  textOnly: {
    'zh-Hant': '我只能讀文字。請用文字提出關於計畫的問題。',
    'zh-Hans': '我只能读文字。请用文字提出关于计划的问题。',
    en: 'I can only read text. Please send me your question about the plan as a text message.',
  },
  notAllowed: {
    'zh-Hant': '抱歉,這個聊天未獲授權使用本機器人。如需使用,請聯絡管理員。',
    'zh-Hans': '抱歉,这个聊天未获授权使用本机器人。如需使用,请联系管理员。',
    en: 'Sorry, this bot is not enabled for this chat. Please contact the administrator if you need access.',
  },
  replyRefused: {
    'zh-Hant': '您的訊息已處理完畢,但 Telegram 拒絕了回覆的內容,所以結果無法在此顯示。',
    'zh-Hans': '您的消息已处理完毕,但 Telegram 拒绝了回复的内容,所以结果无法在此显示。',
    en: 'Your message was handled, but Telegram refused the reply, so the result cannot be shown here.',
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
  adminHelp: {
    'zh-Hant':
      '管理員指令:\n/setstatus 4.2.12 in_progress owner="水利部" due=2027-06-30 note="……" — 更新進度\n/stats — 提問統計\n/synonym 颱風 = 災害 — 教同義詞(/synonym list 列出,/synonym remove 颱風 = 災害 移除)\n/reindex — 從 corpus/ 重建索引(先預覽)\n/rollback — 回到上一個索引版本(先預覽)\n/changes [章節] — 最新版本的修改\n在私訊中傳送文件(.txt、.md、.docx、.pdf)即可更新計畫(先預覽)。',
    'zh-Hans':
      '管理员指令:\n/setstatus 4.2.12 in_progress owner="水利部" due=2027-06-30 note="……" — 更新进度\n/stats — 提问统计\n/synonym 台风 = 灾害 — 教同义词(/synonym list 列出,/synonym remove 台风 = 灾害 移除)\n/reindex — 从 corpus/ 重建索引(先预览)\n/rollback — 回到上一个索引版本(先预览)\n/changes [章节] — 最新版本的修改\n在私聊中发送文件(.txt、.md、.docx、.pdf)即可更新计划(先预览)。',
    en:
      'Admin commands:\n/setstatus 4.2.12 in_progress owner="Ministry of Water Resources" due=2027-06-30 note="…" — update progress\n/stats — question statistics\n/synonym typhoon = 災害 — teach a synonym (/synonym list, /synonym remove typhoon = 災害)\n/reindex — rebuild the index from corpus/ (dry run first)\n/rollback — return to the previous index version (dry run first)\n/changes [section] — what the latest version changed\nSend a document (.txt, .md, .docx, .pdf) in this private chat to update the plan (dry run first).',
  },
  showEnglish: { 'zh-Hant': 'English 英文譯本(非官方)', 'zh-Hans': 'English 英文译本(非官方)', en: 'English translation (unofficial)' },
  showEnglishOutdated: { 'zh-Hant': 'English 英文譯本(已過時)', 'zh-Hans': 'English 英文译本(已过时)', en: 'English translation (outdated)' },
  showChinese: { 'zh-Hant': '中文原文', 'zh-Hans': '中文原文', en: '中文 Chinese original (official)' },
  translationOutdated: {
    'zh-Hant': '{section} 的英文譯本是根據較舊的中文條文翻譯的,在更新之前不予顯示。以中文原文為準。',
    'zh-Hans': '{section} 的英文译本是根据较旧的中文条文翻译的,在更新之前不予显示。以中文原文为准。',
    en: 'The English translation of {section} was made from an earlier version of the Chinese text, so it is withheld until it is updated. The Chinese text is authoritative.',
  },
  officialTextPointer: { 'zh-Hant': '中文原文:/section {id}', 'zh-Hans': '中文原文:/section {id}', en: 'Official Chinese text: /section {id}' },
  reindexConfirm: { 'zh-Hant': '✅ 確認', 'zh-Hans': '✅ 确认', en: '✅ Confirm' },
  reindexCancel: { 'zh-Hant': '✖ 取消', 'zh-Hans': '✖ 取消', en: '✖ Cancel' },
  reindexWorking: {
    'zh-Hant': '正在建立並切換索引,完成後會通知您……',
    'zh-Hans': '正在建立并切换索引,完成后会通知您……',
    en: 'Building and switching the index; I will report when it is done…',
  },
  reindexBusyHere: { 'zh-Hant': '這項變更正在處理中,請稍候。', 'zh-Hans': '这项变更正在处理中,请稍候。', en: 'This change is already being applied; please wait.' },
  reindexCancelled: { 'zh-Hant': '已取消,未作任何更改。', 'zh-Hans': '已取消,未作任何更改。', en: 'Cancelled; nothing was changed.' },
  reindexGone: {
    'zh-Hant': '這次預覽已過期,或已被確認或取消。請重新開始(再次傳送文件,或 /reindex)。',
    'zh-Hans': '这次预览已过期,或已被确认或取消。请重新开始(再次发送文件,或 /reindex)。',
    en: 'This preview has expired or was already confirmed or cancelled. Start again (send the document again, or /reindex).',
  },
  documentAdminOnly: {
    'zh-Hant': '只有管理員可以傳送文件來更新計畫。如要提問,請直接輸入文字。',
    'zh-Hans': '只有管理员可以发送文件来更新计划。如要提问,请直接输入文字。',
    en: 'Only administrators can send documents to update the plan. To ask a question, just type it.',
  },
  documentPrivateOnly: {
    'zh-Hant': '請在與我的私訊中傳送文件。',
    'zh-Hans': '请在与我的私聊中发送文件。',
    en: 'Please send documents to me in a private chat.',
  },
  downloadFailed: {
    'zh-Hant': '無法從 Telegram 下載這個文件({reason})。請再傳送一次。現行索引沒有變更。',
    'zh-Hans': '无法从 Telegram 下载这个文件({reason})。请再发送一次。现行索引没有变更。',
    en: 'The file could not be downloaded from Telegram ({reason}). Please send it again. The index in service is unchanged.',
  },
  inlineNotAllowed: { 'zh-Hant': '未獲授權:請聯絡管理員', 'zh-Hans': '未获授权:请联系管理员', en: 'Not enabled for you: contact the administrator' },
});

