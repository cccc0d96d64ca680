import { isClearWord, parseDueDate } from './dates.js';
import { CsvError, parseCsv, writeCsv } from './csv.js';
import { FIELD_LIMITS } from './args.js';
import { parseStatus, validStatusList, type StatusRecord, type StatusUpdate } from './model.js';

/**
 * The CSV format of `planbot status export` / `import`. Export writes every column;
 * import needs section_id and status, reads owner, due_date and note when present, and
 * ignores the rest (title, updated_at, updated_by are for people reading the file).
 */
const CSV_COLUMNS = ['section_id', 'title', 'status', 'owner', 'due_date', 'note', 'updated_at', 'updated_by'] as const;
const REQUIRED = ['section_id', 'status'] as const;
const IMPORTED = ['section_id', 'status', 'owner', 'due_date', 'note'] as const;

export function exportStatusCsv(records: readonly StatusRecord[], titleOf: (id: string) => string | undefined): string {
  const rows = records.map((r) => [
    r.sectionId,
    titleOf(r.sectionId) ?? r.sectionTitle,
    r.status,
    r.owner,
    r.dueDate ?? '',
    r.note,
    r.updatedAt,
    r.updatedBy.displayName ? `${r.updatedBy.displayName} (${r.updatedBy.platform}:${r.updatedBy.userId})` : `${r.updatedBy.platform}:${r.updatedBy.userId}`,
  ]);
  return writeCsv([[...CSV_COLUMNS], ...rows]);
}

export interface CsvRowError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  message: string;
}

export type CsvImportPlan = { ok: true; updates: { row: number; update: StatusUpdate }[] } | { ok: false; errors: CsvRowError[] };

/**
 * Reads and checks a whole CSV before anything is written: every row's section id
 * (against `sectionExists`), status and date, and duplicate ids. Returns either all the
 * updates or every error found, with row numbers.
 */
export function planStatusImport(text: string, sectionExists: (id: string) => boolean): CsvImportPlan {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) return { ok: false, errors: [{ row: err.row, message: err.message.replace(/^Row \d+: /, '') }] };
    throw err;
  }
  const header = rows[0]?.map((h) => h.trim().toLowerCase());
  if (!header || header.every((h) => h === '')) return { ok: false, errors: [{ row: 1, message: `The file is empty. The first row must name the columns, e.g. ${IMPORTED.join(',')}.` }] };
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return { ok: false, errors: [{ row: 1, message: `The header lacks the column(s) ${missing.join(', ')}. Expected columns: ${CSV_COLUMNS.join(', ')} (only section_id and status are required).` }] };
  }
  const col = (name: (typeof IMPORTED)[number]) => header.indexOf(name);
  const errors: CsvRowError[] = [];
  const updates: { row: number; update: StatusUpdate }[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((fields, i) => {
    const row = i + 2;
    if (fields.every((f) => f.trim() === '')) return; // blank lines are not items
    const get = (name: (typeof IMPORTED)[number]) => (col(name) >= 0 ? (fields[col(name)] ?? '') : undefined);
    const problems: string[] = [];
    if (fields.length > header.length && fields.slice(header.length).some((f) => f.trim() !== '')) problems.push(`it has ${fields.length} fields but the header has ${header.length}`);
    const sectionId = (get('section_id') ?? '').trim().replace(/^§/, '');
    if (!sectionId) problems.push('section_id is empty');
    else if (!sectionExists(sectionId)) problems.push(`there is no section "${sectionId}" in the plan`);
    else if (seen.has(sectionId)) problems.push(`section ${sectionId} is already on row ${seen.get(sectionId)}`);
    else seen.set(sectionId, row);
    const statusText = (get('status') ?? '').trim();
    const status = parseStatus(statusText);
    if (!status) problems.push(statusText ? `unknown status "${statusText}" (valid: ${validStatusList('en')})` : `status is empty (valid: ${validStatusList('en')})`);
    const update: StatusUpdate = { sectionId, ...(status ? { status } : {}) };
    const due = get('due_date')?.trim();
    if (due !== undefined) {
      if (due === '' || isClearWord(due)) update.dueDate = null;
      else {
        const date = parseDueDate(due);
        if (date) update.dueDate = date;
        else problems.push(`due_date "${due}" is not a real date in YYYY-MM-DD form`);
      }
    }
    for (const field of ['owner', 'note'] as const) {
      const value = get(field);
      if (value === undefined) continue;
      if (value.length > FIELD_LIMITS[field]) problems.push(`${field} is longer than ${FIELD_LIMITS[field]} characters`);
      // Notes keep their text exactly (line breaks included); owners are trimmed.
      update[field] = field === 'owner' ? value.trim() : value;
    }
    if (problems.length > 0) errors.push({ row, message: problems.join('; ') });
    else updates.push({ row, update });
  });
  if (errors.length > 0) return { ok: false, errors };
  if (updates.length === 0) return { ok: false, errors: [{ row: 1, message: 'The file has a header but no rows to import.' }] };
  return { ok: true, updates };
}
