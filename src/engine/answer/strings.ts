import { defineCatalog } from '../text/i18n.js';
import type { Lang } from '../text/language.js';

/** A fixed reply string of the engine in the asker's language, with {placeholders} filled in. */
export const t = defineCatalog({
  according: { 'zh-Hant': '根據計畫:', 'zh-Hans': '根据计划:', en: 'According to the plan:' },
  sectionIntro: { 'zh-Hant': '計畫原文:', 'zh-Hans': '计划原文:', en: 'The plan says:' },
  includes: { 'zh-Hant': '本部分包括:', 'zh-Hans': '本部分包括:', en: 'This part includes:' },
  notCovered: {
    'zh-Hant': '計畫中沒有涉及這個問題。',
    'zh-Hans': '计划中没有涉及这个问题。',
    en: 'The plan does not cover this question.',
  },
  nearest: { 'zh-Hant': '最接近的章節:', 'zh-Hans': '最接近的章节:', en: 'The closest sections are:' },
  related: {
    'zh-Hant': '計畫沒有使用您問題中的這些詞語,以下是內容最接近的章節。',
    'zh-Hans': '计划没有使用您问题中的这些词语,以下是内容最接近的章节。',
    en: 'The plan does not use these words; these are the closest sections.',
  },
  relatedBridges: {
    'zh-Hant': '按計畫的用語理解為:{bridges}',
    'zh-Hans': '按计划的用语理解为:{bridges}',
    en: 'Read in the plan\'s words as: {bridges}',
  },
  greeting: {
    'zh-Hant': '您好!我回答關於《瀾湄合作五年行動計畫(2023-2027)》的問題,每個回答都引用計畫原文的章節。請直接提問,例如「水資源合作有哪些安排?」,或輸入章節編號,例如「4.2.3」。',
    'zh-Hans': '您好!我回答关于《澜湄合作五年行动计划(2023-2027)》的问题,每个回答都引用计划原文的章节。请直接提问,例如“水资源合作有哪些安排?”,或输入章节编号,例如“4.2.3”。',
    en: 'Hello! I answer questions about the Lancang-Mekong Cooperation Five-Year Plan of Action (2023-2027), citing the plan\'s own sections. Just ask, e.g. "What does the plan say about water resources?", or send a section number such as 4.2.3.',
  },
  help: {
    'zh-Hant': '請用文字提出關於計畫的問題,例如「水資源合作有哪些安排?」,或輸入章節編號,例如「4.2.3」。',
    'zh-Hans': '请用文字提出关于计划的问题,例如“水资源合作有哪些安排?”,或输入章节编号,例如“4.2.3”。',
    en: 'Ask a question about the plan in words, e.g. "What does the plan say about water resources?", or send a section number such as 4.2.3.',
  },
  truncated: {
    'zh-Hant': '您的問題超過 {max} 字,只按前 {max} 字回答。',
    'zh-Hans': '您的问题超过 {max} 字,只按前 {max} 字回答。',
    en: 'Your question is longer than {max} characters; only the first {max} were used.',
  },
  unofficialTranslation: {
    'zh-Hant': '引文出自非官方譯本,以中文原文為準(見 {sections})。',
    'zh-Hans': '引文出自非官方译本,以中文原文为准(见 {sections})。',
    en: 'Quoted from an unofficial English translation; the Chinese text is authoritative (see {sections}).',
  },
  outdatedTranslation: {
    'zh-Hant': '{section} 的譯文早於現行原文,已改為引用中文原文。',
    'zh-Hans': '{section} 的译文早于现行原文,已改为引用中文原文。',
    en: 'The English translation of {section} predates the current Chinese text, so the Chinese text is quoted instead.',
  },
  noTranslation: {
    'zh-Hant': '{section} 沒有譯文,引用中文原文。',
    'zh-Hans': '{section} 没有译文,引用中文原文。',
    en: 'No English translation of {section}; the Chinese text is quoted.',
  },
  offlineLanguage: {
    'zh-Hant': '離線回答只支援中文和英文。以下章節看來最接近您的問題:',
    'zh-Hans': '离线回答只支持中文和英文。以下章节看来最接近您的问题:',
    en: 'Offline answers cover Chinese and English. These sections look closest to your question:',
  },
  offlineLanguageNoMatch: {
    'zh-Hant': '離線回答只支援中文和英文。請用中文或英文提問,或輸入章節編號,例如「4.2.3」。',
    'zh-Hans': '离线回答只支持中文和英文。请用中文或英文提问,或输入章节编号,例如“4.2.3”。',
    en: 'Offline answers cover Chinese and English. Please ask in Chinese or English, or send a section number such as 4.2.3.',
  },
  offlineLanguageAnswered: {
    'zh-Hant': '離線回答只支援中文和英文,因此以英文回覆。',
    'zh-Hans': '离线回答只支持中文和英文,因此以英文回复。',
    en: 'Offline answers cover Chinese and English, so this reply is in English.',
  },
  preamble: { 'zh-Hant': '前言', 'zh-Hans': '前言', en: 'Preamble' },
  changedInLatest: {
    'zh-Hant': '{section} 的條文在 {date} 更新的版本中有修改。',
    'zh-Hans': '{section} 的条文在 {date} 更新的版本中有修改。',
    en: '{section} was amended in the version of the plan updated on {date}.',
  },
  addedInLatest: {
    'zh-Hant': '{section} 是 {date} 更新的版本中新增的條文。',
    'zh-Hans': '{section} 是 {date} 更新的版本中新增的条文。',
    en: '{section} was added in the version of the plan updated on {date}.',
  },
  unknownSection: {
    'zh-Hant': '找不到章節「{id}」。可用 /toc 查看目錄。',
    'zh-Hans': '找不到章节“{id}”。可用 /toc 查看目录。',
    en: 'There is no section "{id}". Use /toc to see the table of contents.',
  },
});

/** '§4.2.3 貿易投資便利化'; the preamble is shown by its title, never as '§0'. */
export function sectionLabel(sectionId: string, title: string, lang: Lang = 'zh-Hant'): string {
  if (sectionId === '0') return t('preamble', lang);
  if (/^p\d+$/.test(sectionId)) return `¶${sectionId.slice(1)} ${title}`;
  return `§${sectionId} ${title}`;
}
