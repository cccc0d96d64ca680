import { sectionLabel } from '../../engine/answer/strings.js';
import type { ReplyLang } from '../../engine/text/i18n.js';
import type { KnowledgeBase } from '../../engine/index/knowledge-base.js';
import { st } from '../status/strings.js';
import { formatTime } from '../status/time.js';
import type { QuestionStats } from './log.js';

/** /stats and `planbot stats` as plain text. Unanswered questions are cut to one line each. */
export function renderStats(stats: QuestionStats, lang: ReplyLang, kb: KnowledgeBase | undefined, timeZone: string): string {
  const none = st('statsNone', lang);
  const lines = [st('statsTitle', lang), st('statsQuestions', lang, { today: stats.today, week: stats.last7Days })];
  lines.push(st('statsTopSections', lang));
  if (stats.topSections.length === 0) lines.push(`  ${none}`);
  for (const s of stats.topSections) {
    const title = kb?.section(s.sectionId)?.title;
    lines.push(`  ${title !== undefined ? sectionLabel(s.sectionId, title, lang) : `§${s.sectionId}`} × ${s.count}`);
  }
  lines.push(st('statsUnanswered', lang));
  if (stats.recentUnanswered.length === 0) lines.push(`  ${none}`);
  for (const q of stats.recentUnanswered) {
    const oneLine = q.question.replace(/\s+/g, ' ').trim();
    lines.push(`  ${formatTime(q.askedAt, timeZone)} [${q.platform}] ${oneLine.length > 120 ? `${oneLine.slice(0, 119)}…` : oneLine}`);
  }
  const { up, down, ratio } = stats.feedback;
  lines.push(st('statsFeedback', lang, { up, down, ratio: ratio === undefined ? '–' : `${Math.round(ratio * 100)}%` }));
  if (stats.llmTokens) {
    const { prompt, completion, answers } = stats.llmTokens;
    lines.push(st('statsTokens', lang, { answers, prompt, completion, total: prompt + completion }));
  }
  lines.push(stats.retentionDays > 0 ? st('statsRetention', lang, { days: stats.retentionDays }) : st('statsRetentionForever', lang));
  return lines.join('\n');
}
