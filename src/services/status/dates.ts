import { toHalfWidth } from '../../engine/text/normalize.js';

/**
 * A due date as YYYY-MM-DD that exists on the calendar (2027-02-29 does not).
 * Returns the canonical string, or undefined when it is not such a date.
 */
export function parseDueDate(input: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(toHalfWidth(input).trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 && year <= 2200 ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** Words that clear a field: `due=-`, `due=none`, `due=無`. */
export function isClearWord(input: string): boolean {
  return /^(?:-|—|none|null|clear|無|无|空)$/iu.test(toHalfWidth(input).trim());
}
