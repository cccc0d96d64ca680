import { defineCatalog } from '../../engine/text/i18n.js';

/**
 * Replies of /synonym (Telegram), /plan synonym (Slack) and `planbot synonym`, in the
 * asker's language. Commands are written as in Telegram; Slack rewrites them to /plan.
 */
export const sy = defineCatalog({
  usage: {
    'zh-Hant':
      '用法:\n/synonym 颱風 = 災害 — 教一個同義詞(提問用語 = 計畫用語;多個計畫用語以逗號分隔)\n/synonym list — 列出已教的同義詞\n/synonym remove 颱風 = 災害 — 移除',
    'zh-Hans':
      '用法:\n/synonym 台风 = 灾害 — 教一个同义词(提问用语 = 计划用语;多个计划用语以逗号分隔)\n/synonym list — 列出已教的同义词\n/synonym remove 台风 = 灾害 — 移除',
    en: 'Usage:\n/synonym typhoon = 災害 — teach a synonym (the asker\'s word = the plan\'s word; several plan words separated by commas)\n/synonym list — the synonyms taught\n/synonym remove typhoon = 災害 — remove one',
  },
  added: {
    'zh-Hant': '已記住:{pairs}。提問中的「{term}」現在會以計畫用語檢索,立即生效。',
    'zh-Hans': '已记住:{pairs}。提问中的“{term}”现在会以计划用语检索,立即生效。',
    en: 'Taught: {pairs}. Questions using "{term}" are now searched with the plan\'s words, starting now.',
  },
  alreadyTaught: {
    'zh-Hant': '{pairs} 早已教過,沒有變更。',
    'zh-Hans': '{pairs} 早已教过,没有变更。',
    en: '{pairs} was already taught; nothing changed.',
  },
  removed: {
    'zh-Hant': '已移除:{pairs}。',
    'zh-Hans': '已移除:{pairs}。',
    en: 'Removed: {pairs}.',
  },
  notTaught: {
    'zh-Hant': '沒有教過 {pairs}。可用 /synonym list 查看已教的同義詞。',
    'zh-Hans': '没有教过 {pairs}。可用 /synonym list 查看已教的同义词。',
    en: '{pairs} was not taught. Use /synonym list to see the synonyms taught.',
  },
  listTitle: { 'zh-Hant': '管理員教的同義詞({n} 組):', 'zh-Hans': '管理员教的同义词({n} 组):', en: 'Synonyms taught by admins ({n}):' },
  listItem: { 'zh-Hant': '{pair} — {who},{when}', 'zh-Hans': '{pair} — {who},{when}', en: '{pair} — {who}, {when}' },
  listEmpty: {
    'zh-Hant': '還沒有教過任何同義詞。例如:/synonym 颱風 = 災害',
    'zh-Hans': '还没有教过任何同义词。例如:/synonym 台风 = 灾害',
    en: 'No synonyms have been taught yet. For example: /synonym typhoon = 災害',
  },
  // Input errors
  badInput: {
    'zh-Hant': '看不懂這個同義詞。請寫成「提問用語 = 計畫用語」,例如 /synonym 颱風 = 災害。',
    'zh-Hans': '看不懂这个同义词。请写成“提问用语 = 计划用语”,例如 /synonym 台风 = 灾害。',
    en: 'I could not read that synonym. Please write "the asker\'s word = the plan\'s word", e.g. /synonym typhoon = 災害.',
  },
  emptyTerm: {
    'zh-Hant': '「=」左邊要寫提問中的用語,例如 /synonym 颱風 = 災害。',
    'zh-Hans': '“=”左边要写提问中的用语,例如 /synonym 台风 = 灾害。',
    en: 'Please put the asker\'s word left of "=", e.g. /synonym typhoon = 災害.',
  },
  emptyTarget: {
    'zh-Hant': '「=」右邊要寫計畫中的用語,例如 /synonym 颱風 = 災害。',
    'zh-Hans': '“=”右边要写计划中的用语,例如 /synonym 台风 = 灾害。',
    en: 'Please put the plan\'s word right of "=", e.g. /synonym typhoon = 災害.',
  },
  tooLong: {
    'zh-Hant': '「{word}」太長了:每個用語最多 {max} 個字。',
    'zh-Hans': '“{word}”太长了:每个用语最多 {max} 个字。',
    en: '"{word}" is too long: each word may have at most {max} characters.',
  },
  tooManyTargets: {
    'zh-Hant': '一次最多 {max} 個計畫用語。',
    'zh-Hans': '一次最多 {max} 个计划用语。',
    en: 'At most {max} plan words at a time, please.',
  },
  sameWord: {
    'zh-Hant': '「{word}」兩邊相同,不需要教。',
    'zh-Hans': '“{word}”两边相同,不需要教。',
    en: '"{word}" is the same on both sides; there is nothing to teach.',
  },
  noWords: {
    'zh-Hant': '「{word}」只有標點或太常見的字詞,無法用來檢索。',
    'zh-Hans': '“{word}”只有标点或太常见的字词,无法用来检索。',
    en: '"{word}" has only punctuation or words too common to search for.',
  },
  notInPlan: {
    'zh-Hant': '計畫中找不到「{word}」。「=」右邊必須是計畫裡用的詞(可先用 /section 或 /toc 查看)。',
    'zh-Hans': '计划中找不到“{word}”。“=”右边必须是计划里用的词(可先用 /section 或 /toc 查看)。',
    en: 'The plan does not use "{word}". The right of "=" must be a word the plan uses (see /toc or /section).',
  },
  nothingChanged: { 'zh-Hant': '沒有做任何修改。', 'zh-Hans': '没有做任何修改。', en: 'Nothing was changed.' },
  storageFailed: {
    'zh-Hant': '暫時無法存取資料庫,沒有做任何修改。請稍後再試。',
    'zh-Hans': '暂时无法访问数据库,没有做任何修改。请稍后再试。',
    en: 'The database could not be reached, so nothing was changed. Please try again in a moment.',
  },
  adminOnly: {
    'zh-Hant': '抱歉,只有 PlanBot 管理員可以教同義詞。',
    'zh-Hans': '抱歉,只有 PlanBot 管理员可以教同义词。',
    en: 'Sorry, only PlanBot admins can teach synonyms.',
  },
  // Replay of the logged unanswered questions
  replayNone: {
    'zh-Hant': '目前沒有未回答的提問紀錄可供重新檢驗。',
    'zh-Hans': '目前没有未回答的提问记录可供重新检验。',
    en: 'No unanswered questions are logged to try again.',
  },
  replaySummary: {
    'zh-Hant': '最近 {total} 個未回答的提問中,現在有 {n} 個可以回答',
    'zh-Hans': '最近 {total} 个未回答的提问中,现在有 {n} 个可以回答',
    en: '{n} of {total} unanswered questions are now answered',
  },
  replayMore: { 'zh-Hant': '……另有 {n} 個', 'zh-Hans': '……另有 {n} 个', en: '… and {n} more' },
});

/** `颱風 = 災害` or `颱風 = 災害, 防災`, as shown in replies. */
export function formatPairs(term: string, targets: readonly string[]): string {
  return `${term} = ${targets.join(', ')}`;
}
