import type { ReplyLang } from '../../engine/answer/strings.js';
import type { Lang } from '../../engine/text/language.js';

/** Fixed texts of status tracking, the question log and health, in each reply language. */
const STRINGS = {
  status: { 'zh-Hant': '狀態', 'zh-Hans': '状态', en: 'Status' },
  owner: { 'zh-Hant': '牽頭單位', 'zh-Hans': '牵头单位', en: 'Lead agency' },
  due: { 'zh-Hant': '預計完成', 'zh-Hans': '预计完成', en: 'Due' },
  note: { 'zh-Hant': '備註', 'zh-Hans': '备注', en: 'Note' },
  updated: { 'zh-Hant': '最後更新:{who},{when}', 'zh-Hans': '最后更新:{who},{when}', en: 'Last updated by {who} on {when}' },
  earlierChanges: { 'zh-Hant': '此前另有 {n} 次變更', 'zh-Hans': '此前另有 {n} 次变更', en: '{n} earlier change(s)' },
  noEarlierChanges: { 'zh-Hant': '首次記錄', 'zh-Hans': '首次记录', en: 'first record' },
  noStatus: { 'zh-Hant': '尚未記錄狀態。', 'zh-Hans': '尚未记录状态。', en: 'No status recorded yet.' },
  missing: {
    'zh-Hant': '注意:現行版本的計畫中已沒有此章節(自 {since} 起),紀錄予以保留。',
    'zh-Hans': '注意:现行版本的计划中已没有此章节(自 {since} 起),记录予以保留。',
    en: 'Note: this section is not in the current version of the plan (since {since}); its record is kept.',
  },
  subItems: { 'zh-Hant': '下屬項目:', 'zh-Hans': '下属项目:', en: 'Sub-items:' },
  untracked: { 'zh-Hant': '未記錄', 'zh-Hans': '未记录', en: 'no status' },
  overviewTitle: { 'zh-Hant': '計畫執行進度(按章)', 'zh-Hans': '计划执行进度(按章)', en: 'Plan progress by chapter' },
  overviewLegend: {
    'zh-Hant': '█ 已完成 ▓ 進行中 ▒ 已規劃 × 受阻 ░ 未開始/未記錄',
    'zh-Hans': '█ 已完成 ▓ 进行中 ▒ 已规划 × 受阻 ░ 未开始/未记录',
    en: '█ done ▓ in progress ▒ planned × blocked ░ not started / no status',
  },
  overviewNone: {
    'zh-Hant': '目前沒有任何項目記錄了狀態。管理員可用 /setstatus 4.2.12 in_progress 設定。',
    'zh-Hans': '目前没有任何项目记录了状态。管理员可用 /setstatus 4.2.12 in_progress 设置。',
    en: 'No plan item has a status yet. Admins can set one with /setstatus 4.2.12 in_progress.',
  },
  overviewMissing: {
    'zh-Hant': '另有 {n} 項紀錄的章節已不在現行計畫中。',
    'zh-Hans': '另有 {n} 项记录的章节已不在现行计划中。',
    en: '{n} record(s) belong to sections no longer in the plan.',
  },
  overviewTotal: { 'zh-Hant': '合計', 'zh-Hans': '合计', en: 'Total' },
  listTitle: { 'zh-Hant': '狀態為「{status}」的項目({n} 項):', 'zh-Hans': '状态为“{status}”的项目({n} 项):', en: 'Items {status} ({n}):' },
  listEmpty: { 'zh-Hant': '沒有狀態為「{status}」的項目。', 'zh-Hans': '没有状态为“{status}”的项目。', en: 'No items are {status}.' },
  andMore: { 'zh-Hant': '……另有 {n} 項', 'zh-Hans': '……另有 {n} 项', en: '… and {n} more' },
  updatedOk: { 'zh-Hant': '已更新 {section}。', 'zh-Hans': '已更新 {section}。', en: 'Updated {section}.' },
  adminOnly: {
    'zh-Hant': '抱歉,只有管理員可以使用這個指令。您仍可用 /status 查看進度。',
    'zh-Hans': '抱歉,只有管理员可以使用这个指令。您仍可用 /status 查看进度。',
    en: 'Sorry, only admins can use this command. You can still look up progress with /status.',
  },
  usage: {
    'zh-Hant': '用法:/setstatus 4.2.12 in_progress owner="水利部" due=2027-06-30 note="……"',
    'zh-Hans': '用法:/setstatus 4.2.12 in_progress owner="水利部" due=2027-06-30 note="……"',
    en: 'Usage: /setstatus 4.2.12 in_progress owner="Ministry of Water Resources" due=2027-06-30 note="…"',
  },
  unknownSection: {
    'zh-Hant': '計畫中沒有章節「{input}」。章節編號形如 4.2.12(第 {chapters} 章);可用 /toc 查看目錄。',
    'zh-Hans': '计划中没有章节“{input}”。章节编号形如 4.2.12(第 {chapters} 章);可用 /toc 查看目录。',
    en: 'There is no section "{input}" in the plan. Sections are numbered like 4.2.12 (chapters {chapters}); /toc lists them.',
  },
  orStatus: { 'zh-Hant': '或者提供狀態:{valid}。', 'zh-Hans': '或者提供状态:{valid}。', en: 'Or give a status: {valid}.' },
  sectionsUnder: { 'zh-Hant': '§{parent} 之下的章節:{list}。', 'zh-Hans': '§{parent} 之下的章节:{list}。', en: 'Sections under §{parent}: {list}.' },
  unknownStatus: {
    'zh-Hant': '不認識狀態「{input}」。可用的狀態:{valid}。',
    'zh-Hans': '不认识状态“{input}”。可用的状态:{valid}。',
    en: 'Unknown status "{input}". Valid statuses: {valid}.',
  },
  badDate: {
    'zh-Hant': '到期日「{input}」不是有效日期,請用 YYYY-MM-DD 格式,例如 2027-06-30;用 due=- 可清除。',
    'zh-Hans': '到期日“{input}”不是有效日期,请用 YYYY-MM-DD 格式,例如 2027-06-30;用 due=- 可清除。',
    en: 'The due date "{input}" is not a real date in YYYY-MM-DD form, e.g. 2027-06-30. Use due=- to clear it.',
  },
  unknownField: {
    'zh-Hant': '不認識欄位「{field}」。可用的欄位:{valid}。',
    'zh-Hans': '不认识字段“{field}”。可用的字段:{valid}。',
    en: 'Unknown field "{field}". Valid fields: {valid}.',
  },
  duplicateField: { 'zh-Hant': '欄位「{field}」重複出現。', 'zh-Hans': '字段“{field}”重复出现。', en: 'The field "{field}" is given twice.' },
  unexpectedWord: {
    'zh-Hant': '無法理解「{word}」。含空格的內容請加引號,例如 note="……"。',
    'zh-Hans': '无法理解“{word}”。含空格的内容请加引号,例如 note="……"。',
    en: 'Unexpected "{word}". Put text with spaces in quotes, e.g. note="…".',
  },
  unterminatedQuote: { 'zh-Hant': '引號 {quote} 沒有閉合。', 'zh-Hans': '引号 {quote} 没有闭合。', en: 'A quote ({quote}) is not closed.' },
  tooLong: { 'zh-Hant': '「{field}」太長(最多 {max} 字)。', 'zh-Hans': '“{field}”太长(最多 {max} 字)。', en: 'The {field} is too long (at most {max} characters).' },
  nothingToChange: {
    'zh-Hant': '沒有要更改的內容:請提供狀態或欄位,例如 /setstatus 4.2.12 done。',
    'zh-Hans': '没有要更改的内容:请提供状态或字段,例如 /setstatus 4.2.12 done。',
    en: 'Nothing to change: give a status or a field, e.g. /setstatus 4.2.12 done.',
  },
  needsStatus: {
    'zh-Hant': '§{id} 尚無狀態紀錄,首次設定須提供狀態,例如 /setstatus {id} in_progress。',
    'zh-Hans': '§{id} 尚无状态记录,首次设置须提供状态,例如 /setstatus {id} in_progress。',
    en: '§{id} has no status yet, so the first update must give one, e.g. /setstatus {id} in_progress.',
  },
  nothingWritten: { 'zh-Hant': '未作任何更改。', 'zh-Hans': '未作任何更改。', en: 'Nothing was changed.' },
  storageFailed: {
    'zh-Hant': '目前無法存取狀態資料庫,請稍後再試。',
    'zh-Hans': '目前无法访问状态数据库,请稍后再试。',
    en: 'The status database cannot be reached right now; please try again later.',
  },
  historyTitle: { 'zh-Hant': '{section} 的變更紀錄:', 'zh-Hans': '{section} 的变更记录:', en: 'History of {section}:' },
  historyEmpty: { 'zh-Hant': '{section} 沒有變更紀錄。', 'zh-Hans': '{section} 没有变更记录。', en: '{section} has no recorded changes.' },
  // Health (/about)
  dbUnavailable: {
    'zh-Hant': '狀態追蹤與提問紀錄目前停用:資料庫無法使用({reason})。管理員請從備份還原 {file},或將它移開後重新啟動;`planbot db check` 可說明問題所在。',
    'zh-Hans': '状态跟踪与提问记录目前停用:数据库无法使用({reason})。管理员请从备份还原 {file},或将它移开后重新启动;`planbot db check` 可说明问题所在。',
    en: 'Status tracking and the question log are off: the database is not available ({reason}). Admins: restore {file} from a backup, or move it aside and restart; `planbot db check` tells what is wrong.',
  },
  dbDegraded: {
    'zh-Hant': '資料庫:無法使用({reason})。仍可回答問題;狀態與提問紀錄停用。請從備份還原 {file},或將它移開後重新啟動;`planbot db check` 可說明問題所在。',
    'zh-Hans': '数据库:无法使用({reason})。仍可回答问题;状态与提问记录停用。请从备份还原 {file},或将它移开后重新启动;`planbot db check` 可说明问题所在。',
    en: 'Database: not available ({reason}). Questions are answered; status and the question log are off. Restore {file} from a backup, or move it aside and restart; `planbot db check` tells what is wrong.',
  },
  dbOk: { 'zh-Hant': '資料庫:正常', 'zh-Hans': '数据库:正常', en: 'Database: ok' },
  dbFailed: { 'zh-Hant': '資料庫:無法使用({error})', 'zh-Hans': '数据库:无法使用({error})', en: 'Database: not available ({error})' },
  itemsTracked: { 'zh-Hant': '追蹤中的項目:{n}', 'zh-Hans': '跟踪中的项目:{n}', en: 'Items tracked: {n}' },
  lastChange: { 'zh-Hant': '最近狀態變更:{section} → {status}({when})', 'zh-Hans': '最近状态变更:{section} → {status}({when})', en: 'Last status change: {section} → {status} ({when})' },
  noChangeYet: { 'zh-Hant': '最近狀態變更:尚無', 'zh-Hans': '最近状态变更:尚无', en: 'Last status change: none yet' },
  // Stats (/stats)
  statsTitle: { 'zh-Hant': '提問統計', 'zh-Hans': '提问统计', en: 'Question statistics' },
  statsQuestions: { 'zh-Hant': '今日提問:{today};近 7 日:{week}', 'zh-Hans': '今日提问:{today};近 7 日:{week}', en: 'Questions today: {today}; last 7 days: {week}' },
  statsTopSections: { 'zh-Hant': '最常引用的章節(近 7 日):', 'zh-Hans': '最常引用的章节(近 7 日):', en: 'Most-cited sections (last 7 days):' },
  statsUnanswered: { 'zh-Hant': '最近未能回答的問題:', 'zh-Hans': '最近未能回答的问题:', en: 'Recent unanswered questions:' },
  statsFeedback: {
    'zh-Hant': '回饋:👍 {up} / 👎 {down}(好評率 {ratio})',
    'zh-Hans': '反馈:👍 {up} / 👎 {down}(好评率 {ratio})',
    en: 'Feedback: 👍 {up} / 👎 {down} ({ratio} positive)',
  },
  statsTokens: {
    'zh-Hant': '模型用量(近 7 日,{answers} 則回答):輸入 {prompt}、輸出 {completion},共 {total} 個 token',
    'zh-Hans': '模型用量(近 7 日,{answers} 则回答):输入 {prompt}、输出 {completion},共 {total} 个 token',
    en: 'Model usage (last 7 days, {answers} answers): {prompt} prompt + {completion} completion = {total} tokens',
  },
  statsNone: { 'zh-Hant': '(無)', 'zh-Hans': '(无)', en: '(none)' },
  statsRetention: { 'zh-Hant': '提問紀錄保留 {days} 天。', 'zh-Hans': '提问记录保留 {days} 天。', en: 'Questions are kept for {days} days.' },
  statsRetentionForever: { 'zh-Hant': '提問紀錄不自動刪除。', 'zh-Hans': '提问记录不自动删除。', en: 'Questions are kept until deleted.' },
  // Feedback buttons
  feedbackThanks: { 'zh-Hant': '謝謝您的回饋!', 'zh-Hans': '谢谢您的反馈!', en: 'Thanks for your feedback!' },
  feedbackChanged: { 'zh-Hant': '已更新您的回饋。', 'zh-Hans': '已更新您的反馈。', en: 'Your feedback was updated.' },
  feedbackUnknown: {
    'zh-Hant': '這則回答已過期,無法再評分。',
    'zh-Hans': '这则回答已过期,无法再评分。',
    en: 'This answer is too old to rate.',
  },
} as const satisfies Record<string, Record<ReplyLang, string>>;

export type StatusStringKey = keyof typeof STRINGS;

export function toReplyLang(lang: Lang | undefined): ReplyLang {
  return lang === 'zh-Hans' || lang === 'en' || lang === 'zh-Hant' ? lang : lang === 'other' ? 'en' : 'zh-Hant';
}

/** A fixed text with {placeholders} filled in. */
export function st(key: StatusStringKey, lang: ReplyLang, vars: Record<string, string | number> = {}): string {
  const template: string = STRINGS[key][lang];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
