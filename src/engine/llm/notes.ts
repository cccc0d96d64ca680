import { replyLang, type ReplyLang } from '../text/i18n.js';
import type { Lang } from '../text/language.js';

const FALLBACK: Record<ReplyLang, string> = {
  'zh-Hant': '語言模型暫時無法回應,本回答直接引用計畫原文。',
  'zh-Hans': '语言模型暂时无法回应,本回答直接引用计划原文。',
  en: 'The language model is not responding right now, so this answer quotes the plan directly.',
};

/** The one-line note on an extractive answer sent because the model failed (timeout, 429, 5xx…). */
export function fallbackNote(lang: Lang): string {
  return FALLBACK[replyLang(lang)];
}
