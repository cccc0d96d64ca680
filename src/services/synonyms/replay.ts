import type { Answer } from '../../engine/answer/types.js';
import { sectionLabel } from '../../engine/answer/strings.js';
import type { ReplyLang } from '../../engine/text/i18n.js';
import { sy } from './strings.js';

/** Asks a question the way a user would (an extractive Assistant: no model calls for a replay). */
export interface Asker {
  ask(question: string): Promise<Answer>;
}

export interface ReplayReport {
  /** Unanswered questions tried again (the latest distinct ones, at most the limit). */
  total: number;
  /** Those the plan now answers, with the sections cited. */
  answered: { question: string; sections: { id: string; title: string }[] }[];
}

/** How many of the logged unanswered questions replay tries: the most recent ones, distinct. */
export const REPLAY_LIMIT = 50;

/** Asks each question again; a question counts as answered when the Assistant no longer abstains. */
export async function replayQuestions(questions: readonly string[], asker: Asker): Promise<ReplayReport> {
  const answered: ReplayReport['answered'] = [];
  for (const question of questions) {
    const answer = await asker.ask(question);
    if (answer.abstained || answer.citations.length === 0) continue;
    answered.push({ question, sections: answer.citations.map((c) => ({ id: c.sectionId, title: c.title })) });
  }
  return { total: questions.length, answered };
}

const LISTED = 10;
const QUESTION_CHARS = 80;

/** "3 of 7 unanswered questions are now answered:\n• 颱風過後怎麼重建? → §4.1.3.3 災害管理合作". */
export function renderReplay(report: ReplayReport, lang: ReplyLang): string {
  if (report.total === 0) return sy('replayNone', lang);
  const summary = sy('replaySummary', lang, { n: report.answered.length, total: report.total });
  if (report.answered.length === 0) return `${summary}${lang === 'en' ? '.' : '。'}`;
  const lines = [`${summary}${lang === 'en' ? ':' : ':'}`];
  for (const { question, sections } of report.answered.slice(0, LISTED)) {
    const oneLine = question.replace(/\s+/g, ' ').trim();
    const shown = oneLine.length > QUESTION_CHARS ? `${oneLine.slice(0, QUESTION_CHARS - 1)}…` : oneLine;
    lines.push(`• ${shown} → ${sections.map((s) => sectionLabel(s.id, s.title, lang)).join(', ')}`);
  }
  if (report.answered.length > LISTED) lines.push(sy('replayMore', lang, { n: report.answered.length - LISTED }));
  return lines.join('\n');
}
