import { defineCatalog, replyLang, type ReplyLang } from '../../engine/text/i18n.js';
import { detectLanguage } from '../../engine/text/language.js';

/** Fixed strings of the Slack app, in the asker's language (the engine's own strings live in src/engine/answer/strings.ts). */
export const st = defineCatalog({
  apology: {
    'zh-Hant': '抱歉,處理您的問題時出了點問題。請稍後再試一次。',
    'zh-Hans': '抱歉,处理您的问题时出了点问题。请稍后再试一次。',
    en: 'Sorry, something went wrong while answering. Please try again in a moment.',
  },
  notAllowed: {
    'zh-Hant': '抱歉,本機器人未開放給這個工作區、頻道或使用者。如需使用,請聯絡管理員。',
    'zh-Hans': '抱歉,本机器人未开放给这个工作区、频道或用户。如需使用,请联系管理员。',
    en: 'Sorry, this bot is not enabled for this workspace, channel or user. Please contact the administrator if you need access.',
  },
  notInChannel: {
    'zh-Hant': '我還不在這個頻道裡,無法發佈。請先用 /invite 邀請我。',
    'zh-Hans': '我还不在这个频道里,无法发布。请先用 /invite 邀请我。',
    en: "I'm not a member of this channel, so I can't post here. Invite me with /invite first.",
  },
  sources: { 'zh-Hant': '出處', 'zh-Hans': '出处', en: 'Sources' },
  nearest: { 'zh-Hant': '相關章節', 'zh-Hans': '相关章节', en: 'Related sections' },
  fullText: { 'zh-Hant': '全文 {section}', 'zh-Hans': '全文 {section}', en: 'Full text {section}' },
  helpful: { 'zh-Hant': '👍 有幫助', 'zh-Hans': '👍 有帮助', en: '👍 Helpful' },
  notHelpful: { 'zh-Hant': '👎 沒幫助', 'zh-Hans': '👎 没帮助', en: '👎 Not helpful' },
  postToChannel: { 'zh-Hant': '發佈到頻道', 'zh-Hans': '发布到频道', en: 'Post to channel' },
  askedBy: { 'zh-Hant': '{user} 問:', 'zh-Hans': '{user} 问:', en: '{user} asked:' },
  youAsked: { 'zh-Hant': '您的問題:', 'zh-Hans': '您的问题:', en: 'You asked:' },
  continued: { 'zh-Hant': '(續)', 'zh-Hans': '(续)', en: '(continued)' },
  subsections: { 'zh-Hant': '下分:', 'zh-Hans': '下分:', en: 'Subsections:' },
  translationOf: {
    'zh-Hant': '英文譯本({kind}):',
    'zh-Hans': '英文译本({kind}):',
    en: 'English translation ({kind}):',
  },
  official: { 'zh-Hant': '官方', 'zh-Hans': '官方', en: 'official' },
  unofficial: { 'zh-Hant': '非官方,以中文原文為準', 'zh-Hans': '非官方,以中文原文为准', en: 'unofficial; the Chinese text is authoritative' },
  usage: {
    'zh-Hant':
      '用法:`/plan 問題` 或 `/plan 4.2.3`(章節編號)。例如:`/plan 水資源合作有哪些安排?`\n' +
      '其他指令:`/plan section 4.2.3`(章節全文)、`/plan toc`(目錄)、`/plan docs`(文件清單;其他文件的章節:`/plan section minutes:1.2`)、`/plan status [4.2.12|狀態]`(執行進度)、`/plan history 4.2.12`、`/plan about`。\n' +
      '管理員:`/plan setstatus`、`/plan stats`、`/plan synonym 颱風 = 災害`(教同義詞;`list`、`remove`)、`/plan reindex`、`/plan rollback`、`/plan changes [章節]`、`/plan versions`;在私訊中傳送文件可更新計畫。',
    'zh-Hans':
      '用法:`/plan 问题` 或 `/plan 4.2.3`(章节编号)。例如:`/plan 水资源合作有哪些安排?`\n' +
      '其他指令:`/plan section 4.2.3`(章节全文)、`/plan toc`(目录)、`/plan docs`(文件清单;其他文件的章节:`/plan section minutes:1.2`)、`/plan status [4.2.12|状态]`(执行进度)、`/plan history 4.2.12`、`/plan about`。\n' +
      '管理员:`/plan setstatus`、`/plan stats`、`/plan synonym 台风 = 灾害`(教同义词;`list`、`remove`)、`/plan reindex`、`/plan rollback`、`/plan changes [章节]`、`/plan versions`;在私信中发送文件可更新计划。',
    en:
      'Usage: `/plan <question>` or `/plan 4.2.3` (a section number). For example: `/plan What does the plan say about water resources?`\n' +
      'Also: `/plan section 4.2.3` (full text), `/plan toc` (contents), `/plan docs` (the documents; a section of another one: `/plan section minutes:1.2`), `/plan status [4.2.12|status]` (progress), `/plan history 4.2.12`, `/plan about`.\n' +
      'Admins: `/plan setstatus`, `/plan stats`, `/plan synonym typhoon = 災害` (teach a synonym; `list`, `remove`), `/plan reindex`, `/plan rollback`, `/plan changes [section]`, `/plan versions`; send a document in a DM to update the plan.',
  },
  adminOnly: {
    'zh-Hant': '抱歉,`/plan {command}` 僅限管理員使用。如需協助,請聯絡 PlanBot 的管理員。',
    'zh-Hans': '抱歉,`/plan {command}` 仅限管理员使用。如需协助,请联系 PlanBot 的管理员。',
    en: 'Sorry, `/plan {command}` is for PlanBot admins only. Please ask an admin if you need it.',
  },
  adminButtonOnly: {
    'zh-Hant': '抱歉,只有管理員可以確認或取消索引更新。',
    'zh-Hans': '抱歉,只有管理员可以确认或取消索引更新。',
    en: 'Sorry, only PlanBot admins can confirm or cancel an index update.',
  },
  documentAdminOnly: {
    'zh-Hant': '抱歉,只有管理員可以傳送文件來更新計畫。如要提問,請直接輸入問題。',
    'zh-Hans': '抱歉,只有管理员可以发送文件来更新计划。如要提问,请直接输入问题。',
    en: 'Sorry, only PlanBot admins can update the plan by sending a document. To ask a question, just type it.',
  },
  oneDocument: {
    'zh-Hant': '請一次只傳送一個文件(.txt、.md、.docx 或 .pdf)。未作任何更改。',
    'zh-Hans': '请一次只发送一个文件(.txt、.md、.docx 或 .pdf)。未作任何更改。',
    en: 'Please send one document at a time (.txt, .md, .docx or .pdf). Nothing was changed.',
  },
  downloadFailed: {
    'zh-Hant': '無法從 Slack 下載這個文件({reason})。目前的索引繼續使用;請再傳送一次。',
    'zh-Hans': '无法从 Slack 下载这个文件({reason})。当前的索引继续使用;请再发送一次。',
    en: 'Could not download the file from Slack ({reason}). The index in service is unchanged; please send it again.',
  },
  confirm: { 'zh-Hant': '確認更新', 'zh-Hans': '确认更新', en: 'Confirm' },
  confirmRollback: { 'zh-Hant': '確認回復', 'zh-Hans': '确认回退', en: 'Confirm rollback' },
  cancel: { 'zh-Hant': '取消', 'zh-Hans': '取消', en: 'Cancel' },
  building: {
    'zh-Hant': '{user} 已確認,正在建立並切換索引……',
    'zh-Hans': '{user} 已确认,正在建立并切换索引……',
    en: 'Confirmed by {user}: building and switching the index…',
  },
  cancelled: {
    'zh-Hant': '{user} 已取消,未作任何更改。',
    'zh-Hans': '{user} 已取消,未作任何更改。',
    en: 'Cancelled by {user}; nothing was changed.',
  },
  previewGone: {
    'zh-Hant': '這次預覽已過期或已處理過,未作任何更改。請重新開始(`/plan reindex`、`/plan rollback`,或再次傳送文件)。',
    'zh-Hans': '这次预览已过期或已处理过,未作任何更改。请重新开始(`/plan reindex`、`/plan rollback`,或再次发送文件)。',
    en: 'This dry run has expired or was already handled; nothing was changed. Start again (`/plan reindex`, `/plan rollback`, or send the document again).',
  },
  confirmFailed: {
    'zh-Hant': '索引沒有更新,現行版本繼續使用。',
    'zh-Hans': '索引没有更新,当前版本继续使用。',
    en: 'The index was not updated; the version in service stays.',
  },
  switched: {
    'zh-Hant': '索引已更新:現行版本 {version}(建立於 {created}),耗時 {took}。',
    'zh-Hans': '索引已更新:当前版本 {version}(建立于 {created}),耗时 {took}。',
    en: 'Index updated: version {version} (built {created}) is in service; took {took}.',
  },
  aboutIndex: {
    'zh-Hant': '索引版本 {version}(建立於 {date}),{sections} 個章節,檢索:{embedder}',
    'zh-Hans': '索引版本 {version}(建立于 {date}),{sections} 个章节,检索:{embedder}',
    en: 'Index version {version} (built {date}), {sections} sections, search: {embedder}',
  },
  aboutAnswers: {
    'zh-Hant': '回答方式:{mode}',
    'zh-Hans': '回答方式:{mode}',
    en: 'Answers: {mode}',
  },
  modeExtractive: {
    'zh-Hant': '直接引用計畫原文(不使用語言模型)',
    'zh-Hans': '直接引用计划原文(不使用语言模型)',
    en: 'extractive (quotes the plan directly; no language model)',
  },
  modeLlm: {
    'zh-Hant': '語言模型 {model} 撰寫,引文逐一核對',
    'zh-Hans': '语言模型 {model} 撰写,引文逐一核对',
    en: 'worded by the language model {model}; every citation verified',
  },
  tocTitle: { 'zh-Hant': '目錄', 'zh-Hans': '目录', en: 'Contents' },
  writing: { 'zh-Hant': '✍️ 撰寫中…', 'zh-Hans': '✍️ 撰写中…', en: '✍️ Writing…' },
  showTranslation: {
    'zh-Hant': '🌐 英文譯本({kind})',
    'zh-Hans': '🌐 英文译本({kind})',
    en: '🌐 English translation ({kind})',
  },
  showSource: { 'zh-Hant': '中文原文', 'zh-Hans': '中文原文', en: 'Chinese original' },
  unofficialShort: { 'zh-Hant': '非官方', 'zh-Hans': '非官方', en: 'unofficial' },
  outdatedTranslation: {
    'zh-Hant': '注意:此譯文早於現行中文原文,可能已不準確。',
    'zh-Hans': '注意:此译文早于现行中文原文,可能已不准确。',
    en: 'Note: this translation predates the current Chinese text and may be out of date.',
  },
});

/** The language fixed strings are written in for this text (English for Thai, Vietnamese, …). */
export function langOf(text: string): ReplyLang {
  return replyLang(detectLanguage(text).lang);
}
