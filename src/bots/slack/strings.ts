import { replyLang, type ReplyLang } from '../../answer/strings.js';
import { detectLanguage, type Lang } from '../../text/language.js';

/** Fixed strings of the Slack app, in the asker's language (the engine's own strings live in src/answer/strings.ts). */
const STRINGS = {
  apology: {
    'zh-Hant': '抱歉,處理您的問題時出了點問題。請稍後再試一次。',
    'zh-Hans': '抱歉,处理您的问题时出了点问题。请稍后再试一次。',
    en: 'Sorry, something went wrong while answering. Please try again in a moment.',
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
  feedbackThanks: {
    'zh-Hant': '謝謝您的回饋!',
    'zh-Hans': '谢谢您的反馈!',
    en: 'Thanks for your feedback!',
  },
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
  unofficial: { 'zh-Hant': '非官方', 'zh-Hans': '非官方', en: 'unofficial; the Chinese text is authoritative' },
  usage: {
    'zh-Hant': '用法:`/plan 問題` 或 `/plan 4.2.3`(章節編號)。例如:`/plan 水資源合作有哪些安排?`',
    'zh-Hans': '用法:`/plan 问题` 或 `/plan 4.2.3`(章节编号)。例如:`/plan 水资源合作有哪些安排?`',
    en: 'Usage: `/plan <question>` or `/plan 4.2.3` (a section number). For example: `/plan What does the plan say about water resources?`',
  },
  adminOnly: {
    'zh-Hant': '抱歉,`/plan {command}` 僅限管理員使用。如需協助,請聯絡 PlanBot 的管理員。',
    'zh-Hans': '抱歉,`/plan {command}` 仅限管理员使用。如需协助,请联系 PlanBot 的管理员。',
    en: 'Sorry, `/plan {command}` is for PlanBot admins only. Please ask an admin if you need it.',
  },
  reloaded: {
    'zh-Hant': '已重新載入索引:版本 {version}(原為 {previous}),共 {sections} 個章節。',
    'zh-Hans': '已重新载入索引:版本 {version}(原为 {previous}),共 {sections} 个章节。',
    en: 'Index reloaded: version {version} (was {previous}), {sections} sections.',
  },
  reloadFailed: {
    'zh-Hant': '重新載入失敗,目前的索引繼續使用。原因:{reason}',
    'zh-Hans': '重新载入失败,当前的索引继续使用。原因:{reason}',
    en: 'Reload failed; the current index stays in service. Reason: {reason}',
  },
  reloadUnavailable: {
    'zh-Hant': '這個執行環境無法重新載入索引。',
    'zh-Hans': '这个运行环境无法重新载入索引。',
    en: 'Reloading the index is not available in this deployment.',
  },
} as const satisfies Record<string, Record<ReplyLang, string>>;

export type SlackStringKey = keyof typeof STRINGS;

/** A Slack string in the given language, with {placeholders} filled in (values are inserted as given). */
export function st(key: SlackStringKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  const template: string = STRINGS[key][replyLang(lang)];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** The language fixed strings are written in for this text (English for Thai, Vietnamese, …). */
export function langOf(text: string): ReplyLang {
  return replyLang(detectLanguage(text).lang);
}
