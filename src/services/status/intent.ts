import { findSectionReferences } from '../../engine/retrieval/section-ref.js';
import { normalizeForSearch } from '../../engine/text/normalize.js';

/**
 * Words that ask how far along something is, matched on the search normal form
 * (simplified script, half-width, lower case), so one list covers both scripts.
 */
const STATUS_INTENT: RegExp[] = [
  /进展|进度|状态|执行情况|落实情况|实施情况|推进情况|完成情况|进行得|做到哪|到哪一步|到什么程度|到哪了|怎么样了|如何了|咋样了/u,
  /(?:完成|做完|落实|启动|开始|实施|执行|推进)了?(?:吗|没有?|与否)|有没有(?:完成|落实|启动|开始|实施)|是否(?:已经?)?(?:完成|落实|启动|开始|实施)/u,
  /\bstatus\b|\bprogress\b|\bhow far\b|\bon track\b|\bupdate on\b|\bwhere (?:are|do) (?:we|things) stand\b/u,
  /\b(?:done|finished|complete|completed|implemented|started|delivered) yet\b|\b(?:is|are|has|have)\b.*\b(?:done|finished|completed|implemented|delivered)\b/u,
  /\bhow(?:'s| is| are)\b.*\b(?:going|coming along|doing|progressing)\b/u,
];

/** Words that ask what the plan says, not how far along it is: those questions go to the Assistant. */
const CONTENT_INTENT: RegExp[] = [
  /说了什么|说什么|怎么说|提到|规定|内容|讲什么|讲了什么|原文|含义|什么意思|包括哪些|包含哪些|有哪些措施/u,
  /\b(?:say|says|said|mention|mentions|describe|describes|contain|contains|content|text|mean|means|cover|covers|include|includes)\b/u,
];

/**
 * The sections a question asks the progress of ("4.2.12 進展如何?", "how far along is
 * 4.2.12?"), or undefined when it is not such a question. Needs both a section reference
 * and a progress word, and no sign that the asker wants the plan's text instead.
 */
export function statusQuestionSections(question: string, exists: (id: string) => boolean): string[] | undefined {
  return statusIntentSections(question, findSectionReferences(question, exists));
}

/** The same decision for a question whose section references are already known (the desk's intake). */
export function statusIntentSections(question: string, sections: readonly string[]): string[] | undefined {
  if (sections.length === 0) return undefined;
  const text = normalizeForSearch(question).replace(/[’`]/g, "'");
  if (!STATUS_INTENT.some((re) => re.test(text))) return undefined;
  if (CONTENT_INTENT.some((re) => re.test(text))) return undefined;
  return [...sections];
}
