import { stripControlChars } from './normalize.js';

/**
 * The words of a chat message that form the question: control characters removed,
 * and the addressing stripped — Slack's <@U123>, <!channel>, <#C1|name>, and
 * @mentions such as @PlanBot or @bob — since they name people, not topics.
 * Slack links <https://…|label> keep their label.
 */
export function questionText(raw: string): string {
  return stripControlChars(raw)
    .replace(/<(?:@|!|#)[^>]*>/g, ' ')
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, '$1')
    .replace(/(^|\s)@[\p{L}\p{N}_.-]+/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
