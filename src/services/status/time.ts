/**
 * Times are stored in UTC and shown in one display time zone (the process's own unless
 * configured: set TZ), with the offset written out so a reader in another zone is not misled.
 */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function parts(date: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(date)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as ReturnType<typeof parts>;
}

/** Minutes the zone is ahead of UTC at `date`. */
function offsetMinutes(date: Date, timeZone: string): number {
  const p = parts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** '2027-06-30 14:05 (UTC+8)' */
export function formatTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = parts(date, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const off = offsetMinutes(date, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const zone = off === 0 ? 'UTC' : `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} (${zone})`;
}

/** The instant the calendar day containing `now` began in `timeZone`. */
export function startOfDay(now: Date, timeZone: string): Date {
  const p = parts(now, timeZone);
  const midnightAsUtc = Date.UTC(p.year, p.month - 1, p.day);
  let guess = midnightAsUtc - offsetMinutes(now, timeZone) * 60_000;
  // Across a DST change the offset at midnight differs from the one now.
  guess = midnightAsUtc - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}
