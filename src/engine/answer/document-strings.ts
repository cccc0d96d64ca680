import { defineCatalog } from '../text/i18n.js';

/**
 * Reply strings about which document a quote comes from: the news article that
 * accompanied the plan, and documents named when the corpus holds several.
 * Kept apart from strings.ts so document wording has one home.
 */
export const td = defineCatalog({
  /** Label of a news preamble: what it is, never "the plan". */
  newsArticle: { 'zh-Hant': '隨計畫發布的新聞稿', 'zh-Hans': '随计划发布的新闻稿', en: 'News article published with the plan' },
  /** Heading of a news preamble shown whole (/section 0). */
  newsArticleAbout: { 'zh-Hant': '隨計畫發布的新聞稿(關於{about})', 'zh-Hans': '随计划发布的新闻稿(关于{about})', en: 'News article published with the plan (about {about})' },
  /** Intro of quotes from a news preamble; {about} names the document the article describes. */
  newsIntro: {
    'zh-Hant': '據隨計畫發布的新聞稿(關於{about}):',
    'zh-Hans': '据随计划发布的新闻稿(关于{about}):',
    en: 'The news article published with the plan (about {about}) says:',
  },
  /** The same when the article's subject is not described in corpus.json. */
  newsIntroPlain: { 'zh-Hant': '據隨計畫發布的新聞稿:', 'zh-Hans': '据随计划发布的新闻稿:', en: 'The news article published with the plan says:' },
  accordingDoc: { 'zh-Hant': '根據《{doc}》:', 'zh-Hans': '根据《{doc}》:', en: 'According to {doc}:' },
  sectionIntroDoc: { 'zh-Hant': '《{doc}》原文:', 'zh-Hans': '《{doc}》原文:', en: '{doc} says:' },
  /** A section id found only in another document than the one asked for (or the main one). */
  foundInOtherDocument: {
    'zh-Hant': '主文件沒有第 {id} 節;以下是《{doc}》的第 {id} 節。',
    'zh-Hans': '主文件没有第 {id} 节;以下是《{doc}》的第 {id} 节。',
    en: 'The main document has no section {id}; this is section {id} of {doc}.',
  },
  unknownDocument: {
    'zh-Hant': '沒有名為「{doc}」的文件。可用 /docs 查看文件清單。',
    'zh-Hans': '没有名为“{doc}”的文件。可用 /docs 查看文件清单。',
    en: 'There is no document "{doc}". Use /docs to list the documents.',
  },
  docsHeading: { 'zh-Hant': '文件清單:', 'zh-Hans': '文件清单:', en: 'Documents:' },
  docsLine: {
    'zh-Hant': '{title}(代號 {ref};{language};版本日期 {date};{sections} 節)',
    'zh-Hans': '{title}(代号 {ref};{language};版本日期 {date};{sections} 节)',
    en: '{title} (ref {ref}; {language}; version of {date}; {sections} sections)',
  },
  indexedOn: { 'zh-Hant': '{date} 索引', 'zh-Hans': '{date} 索引', en: 'indexed {date}' },
});
