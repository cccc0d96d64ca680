import type { ChangesReport, Preview, SwitchReport } from './service.js';
import type { ChangeSummary } from './summary.js';
import type { VersionInfo } from './versions.js';

/**
 * Plain-text renderings of the re-index service's results, for the CLI and as
 * the reference for chat front ends (which may format the same values richer).
 * Admin-facing, in English.
 */

function renderSummary(summary: ChangeSummary, maxItems = 20): string[] {
  const lines: string[] = [];
  const more = (n: number) => (n > maxItems ? [`    … and ${n - maxItems} more`] : []);
  for (const d of summary.documents) {
    if (d.status === 'added') lines.push(`New document: ${d.title} (${d.docId})`);
    if (d.status === 'removed') lines.push(`Document removed: ${d.title} (${d.docId})`);
  }
  if (summary.changed.length > 0) {
    lines.push(`Changed (${summary.changed.length}):`);
    for (const c of summary.changed.slice(0, maxItems)) lines.push(`  ${c.label}`, `    before: ${c.before}`, `    after:  ${c.after}`);
    lines.push(...more(summary.changed.length));
  }
  if (summary.added.length > 0) {
    lines.push(`Added (${summary.added.length}):`);
    for (const a of summary.added.slice(0, maxItems)) lines.push(`  ${a.label}: ${a.excerpt}`);
    lines.push(...more(summary.added.length));
  }
  if (summary.removed.length > 0) {
    lines.push(`Removed (${summary.removed.length}):`);
    for (const r of summary.removed.slice(0, maxItems)) lines.push(`  ${r.label}: ${r.excerpt}`);
    lines.push(...more(summary.removed.length));
  }
  if (lines.length === 0) lines.push('No section changes.');
  lines.push(`Unchanged: ${summary.unchanged} section${summary.unchanged === 1 ? '' : 's'}.`);
  return lines;
}

export function renderPreview(preview: Preview, options: { maxItems?: number; confirmHint?: string } = {}): string {
  const lines: string[] = [];
  const against = preview.baseVersion ? `the version in service (${preview.baseVersion})` : 'an empty index (first build)';
  if (preview.kind === 'document' && preview.document) {
    const d = preview.document;
    lines.push(
      `Dry run — ${d.isNew ? 'new document' : 'new version of'} "${d.title}" (${d.docId}), ${d.isNew ? d.matchDetail : `matched by ${d.matchDetail}`}.`,
      `File: ${d.filename} (${d.format}${d.encoding ? `, ${d.encoding}` : ''}${d.pages ? `, ${d.pages} page${d.pages === 1 ? '' : 's'}` : ''}), ${d.sections} sections, ${d.characters} characters.`,
      d.isNew
        ? `Will save: corpus/${d.file} (new), and a new entry "${d.docId}" in corpus/corpus.json.`
        : `Will save: corpus/${d.file} (updated; the version in service is kept in corpus/history/).`,
    );
  } else if (preview.kind === 'rollback') {
    lines.push(`Dry run — roll back from ${preview.baseVersion} to ${preview.targetVersion}.`);
  } else {
    lines.push(`Dry run — rebuild from corpus/.`);
  }
  lines.push(`Compared with ${against}:`);
  lines.push(...renderSummary(preview.summary, options.maxItems));
  if (preview.unchanged) lines.push('corpus/ has not changed since the version in service was built.');
  for (const note of preview.notes) lines.push(note.startsWith('Warning:') ? note : `Note: ${note}`);
  lines.push(options.confirmHint ?? `Nothing has been changed yet. Confirm to ${preview.kind === 'rollback' ? 'switch' : 'build and switch'}, or cancel (expires ${preview.expiresAt.slice(11, 16)} UTC).`);
  return lines.join('\n');
}

export function renderSwitchReport(report: SwitchReport): string {
  const lines: string[] = [];
  if (!report.switched) {
    lines.push(`Index ${report.version} stays current.`);
  } else {
    const counts = [`${report.summary.changed.length} changed`, `${report.summary.added.length} added`, `${report.summary.removed.length} removed`].join(', ');
    const what = report.kind === 'rollback' ? 'Rolled back' : 'Re-indexed';
    if (report.previousVersion) {
      lines.push(`${what}: index ${report.version} is now current (was ${report.previousVersion}); sections ${counts}. Took ${seconds(report.tookMs)}.`);
    } else {
      lines.push(`Indexed: ${report.version} is the first version (${report.summary.added.length} sections). Took ${seconds(report.tookMs)}.`);
    }
  }
  if (report.corpus?.removed?.length) lines.push(`Removed from corpus/ (added after the version now current): ${report.corpus.removed.join(', ')}.`);
  if (report.corpus?.historyDir) lines.push(`Replaced corpus files are kept in corpus/${report.corpus.historyDir}/.`);
  if (report.pruned.length > 0) lines.push(`Old versions removed (INDEX_KEEP): ${report.pruned.join(', ')}.`);
  for (const note of report.notes) lines.push(`Note: ${note}`);
  return lines.join('\n');
}

export function renderChanges(report: ChangesReport, options: { maxChars?: number } = {}): string {
  const text = renderSectionChanges(report, options);
  const outdated = renderOutdatedTranslations(report);
  return outdated ? `${text}\n\n${outdated}` : text;
}

/** Translations that no longer match their source text, for a translator to review (then `npm run stamp-translation`). */
function renderOutdatedTranslations(report: ChangesReport): string {
  const list = report.outdatedTranslations;
  if (list.length === 0) return '';
  const lines = list.slice(0, 30).map((o) => `• ${o.sectionId === '0' ? 'Preamble' : `§${o.sectionId}`} ${o.title} (${o.language}: ${o.translatedTitle})`);
  if (list.length > 30) lines.push(`… and ${list.length - 30} more`);
  return `Translations made for an earlier text (quoted in Chinese until reviewed):\n${lines.join('\n')}`;
}

function renderSectionChanges(report: ChangesReport, options: { maxChars?: number }): string {
  const lines: string[] = [];
  if (!report.base) {
    return `No changes are recorded for index ${report.version} (${day(report.createdAt)}): it is a first build, or was built before changes were recorded.`;
  }
  const span = `between ${report.base}${report.baseCreatedAt ? ` (${day(report.baseCreatedAt)})` : ''} and the current ${report.version} (${day(report.createdAt)})`;
  if (report.sectionId !== undefined) {
    if (!report.sectionKnown) return `There is no section "${report.sectionId}" in the current or the previous version.`;
    if (report.entries.length === 0) return `§${report.sectionId} did not change ${span}.`;
  } else {
    if (report.entries.length === 0) return `No section text changed ${span}.`;
    lines.push(`Changes ${span}: ${report.entries.length} section${report.entries.length === 1 ? '' : 's'}.`);
    for (const d of report.documents) if (d.status === 'added' || d.status === 'removed') lines.push(`Document ${d.status}: ${d.title} (${d.docId})`);
  }
  for (const e of report.entries) {
    lines.push('', `${e.label} — ${e.kind}${report.sectionId !== undefined ? ` ${span}` : ''}`, e.diff);
  }
  const text = lines.join('\n').trim();
  const max = options.maxChars;
  return max && text.length > max ? `${text.slice(0, max - 40)}\n… (cut; ask for one section: /changes 4.2.3)` : text;
}

export function renderVersions(versions: readonly VersionInfo[]): string {
  if (versions.length === 0) return 'No index versions yet. Build one with `planbot index`.';
  const leftovers = versions.filter((v) => v.leftover);
  const apart = leftovers.length === 0 ? [] : ['', 'Left by an interrupted build (never served; removed at the next re-index):', ...leftovers.map((v) => `  ${v.version}  ${v.createdAt?.replace('T', ' ').slice(0, 19)} UTC`)];
  return versions
    .filter((v) => !v.leftover)
    .map((v) => {
      const mark = v.current ? '*' : v.rollbackTarget ? '<' : ' ';
      if (v.damaged) return `${mark} ${v.version}  damaged: ${v.damaged}`;
      const changes = v.changes ? `  +${v.changes.added} -${v.changes.removed} ~${v.changes.changed}` : '';
      return `${mark} ${v.version}  ${v.createdAt?.replace('T', ' ').slice(0, 19)} UTC  ${v.sections} sections  ${v.embedder}${changes}`;
    })
    .concat(apart, '', '* current   < rollback target   +added -removed ~changed sections')
    .join('\n');
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}
