import type { ReplyLang } from '../../engine/text/i18n.js';
import { STATUS_VALUES, statusLabel, type ItemStatus, type StatusChange, type StatusRecord } from './model.js';
import { st } from './strings.js';
import { formatTime } from './time.js';
import { progressBar, type StatusCard, type StatusCounts, type StatusOverview } from './views.js';

/** Plain-text renderings of status values; front ends may use them as is or format the data themselves. */

export function whoLabel(by: StatusRecord['updatedBy']): string {
  return by.displayName ? `${by.displayName} (${by.platform})` : `${by.platform}:${by.userId}`;
}

export function renderCard(card: StatusCard, lang: ReplyLang, timeZone: string): string {
  const lines = [card.label];
  const r = card.record;
  if (!r) {
    lines.push(st('noStatus', lang));
  } else {
    lines.push(`${st('status', lang)}: ${statusLabel(r.status, lang)}`);
    if (r.owner) lines.push(`${st('owner', lang)}: ${r.owner}`);
    if (r.dueDate) lines.push(`${st('due', lang)}: ${r.dueDate}`);
    if (r.note) lines.push(`${st('note', lang)}: ${r.note}`);
    const changes = card.earlierChanges > 0 ? st('earlierChanges', lang, { n: card.earlierChanges }) : st('noEarlierChanges', lang);
    lines.push(`${st('updated', lang, { who: whoLabel(r.updatedBy), when: formatTime(r.updatedAt, timeZone) })} · ${changes}`);
  }
  if (card.subItems && card.subItems.total > 0) lines.push(`${st('subItems', lang)} ${progressBar(card.subItems)} ${countsLine(card.subItems, lang)}`);
  if (card.missing) lines.push(st('missing', lang, { since: r?.missingSince ? formatTime(r.missingSince, timeZone) : '?' }));
  return lines.join('\n');
}

/** '3 done · 1 in progress · 5 no status' (zero counts left out). */
function countsLine(counts: StatusCounts, lang: ReplyLang): string {
  const sep = lang === 'en' ? ' · ' : '・';
  const parts = STATUS_VALUES.filter((s) => counts[s] > 0).map((s) => `${statusLabel(s, lang)} ${counts[s]}`);
  if (counts.untracked > 0) parts.push(`${st('untracked', lang)} ${counts.untracked}`);
  return parts.join(sep);
}

export function renderOverview(overview: StatusOverview, lang: ReplyLang): string {
  const lines = [st('overviewTitle', lang)];
  if (overview.tracked === 0) {
    lines.push(st('overviewNone', lang));
    return lines.join('\n');
  }
  const pct = (n: number) => `${String(n).padStart(3)}%`;
  for (const c of overview.chapters) lines.push(`${progressBar(c.counts)} ${pct(c.percentDone)} ${c.label}`, `    ${countsLine(c.counts, lang)}`);
  const totalPct = overview.totals.total === 0 ? 0 : Math.round((overview.totals.done / overview.totals.total) * 100);
  lines.push(`${progressBar(overview.totals)} ${pct(totalPct)} ${st('overviewTotal', lang)}: ${countsLine(overview.totals, lang)}`);
  if (overview.missing > 0) lines.push(st('overviewMissing', lang, { n: overview.missing }));
  lines.push(st('overviewLegend', lang));
  return lines.join('\n');
}

export function renderList(status: ItemStatus, cards: readonly StatusCard[], total: number, lang: ReplyLang): string {
  const name = statusLabel(status, lang);
  if (total === 0) return st('listEmpty', lang, { status: name });
  const lines = [st('listTitle', lang, { status: name, n: total })];
  for (const c of cards) {
    const extra = [c.record?.owner, c.record?.dueDate].filter(Boolean).join(', ');
    lines.push(`• ${c.label}${extra ? ` — ${extra}` : ''}${c.missing ? ' ⚠' : ''}`);
  }
  if (total > cards.length) lines.push(st('andMore', lang, { n: total - cards.length }));
  return lines.join('\n');
}

export function renderHistory(label: string, changes: readonly StatusChange[], lang: ReplyLang, timeZone: string): string {
  if (changes.length === 0) return st('historyEmpty', lang, { section: label });
  const lines = [st('historyTitle', lang, { section: label })];
  for (const c of changes) {
    const from = c.previousStatus ? `${statusLabel(c.previousStatus, lang)} → ` : '';
    const fields = [c.owner && `${st('owner', lang)}: ${c.owner}`, c.dueDate && `${st('due', lang)}: ${c.dueDate}`, c.note && `${st('note', lang)}: ${c.note}`].filter(Boolean);
    lines.push(`${formatTime(c.updatedAt, timeZone)}  ${from}${statusLabel(c.status, lang)}  — ${whoLabel(c.updatedBy)}${c.source === 'import' ? ' [CSV]' : ''}`);
    if (fields.length > 0) lines.push(`    ${fields.join(' | ')}`);
  }
  return lines.join('\n');
}
