import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/services/storage/database.js';
import { openPlanbotDatabase } from '../../../src/services/storage/open.js';
import { BOM, CsvError, parseCsv, writeCsv } from '../../../src/services/status/csv.js';
import { StatusService } from '../../../src/services/status/service.js';
import { ADMIN, MEMBER, openStatusFixture, permissions, silentLog, type StatusFixture } from '../../helpers/status-fixture.js';

describe('CSV reader and writer (RFC 4180)', () => {
  it('round-trips commas, quotes, line breaks, empty fields and Chinese text', () => {
    const rows = [
      ['section_id', 'note'],
      ['4.2.12', 'He said "yes", then left'],
      ['4.2.3', 'line one\nline two\r\nline three'],
      ['5', ''],
      ['4.1', ' padded '],
      ['0', '前言,「引號」'],
    ];
    const text = writeCsv(rows);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toContain('"He said ""yes"", then left"');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual(rows);
  });

  it('reads LF, CRLF and a missing final line break alike', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,"b\nc"\n')).toEqual([['a', 'b\nc']]);
    expect(parseCsv('a,,\n')).toEqual([['a', '', '']]);
  });

  it('reports an unclosed quote and text after a closing quote with the row number', () => {
    expect(() => parseCsv('a,b\nc,"open\n')).toThrow(CsvError);
    expect(() => parseCsv('a,b\nc,"open\n')).toThrow(/Row 2: a quoted field is not closed/);
    expect(() => parseCsv('a,b\n1,2\n"x"y,3\n')).toThrow(/Row 3: unexpected text after a closing quote/);
  });
});

describe('status import and export', () => {
  let fx: StatusFixture;
  let db: Database;
  let service: StatusService;
  const historyRows = async () => (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM item_status_history'))!.n;

  beforeAll(async () => {
    fx = await openStatusFixture();
    db = await openPlanbotDatabase(path.join(fx.dir, 'data'));
    service = new StatusService({ db, knowledge: fx.holder, permissions, timeZone: 'UTC', log: silentLog });
  });
  afterAll(async () => {
    await db.close();
    await fx.cleanup();
  });

  it('imports a spreadsheet-style file (BOM, CRLF, Chinese statuses, multi-line notes) and exports it back unchanged', async () => {
    const note = 'Phase 1: "design", survey;\nPhase 2: build, \'; DROP TABLE item_status; --';
    const csv =
      `${BOM}section_id,status,owner,due_date,note\r\n` +
      `4.2.12,進行中,水利部,2027-06-30,"${note.replace(/"/g, '""')}"\r\n` +
      '4.2.3,done,"Ministry of Commerce, Trade Dept",,\r\n' +
      '\r\n' +
      '§4.3.2,planned,,2026-01-15,旅遊年\r\n';
    const result = await service.importCsv(csv, ADMIN);
    expect(result).toEqual({ ok: true, applied: ['4.2.12', '4.2.3', '4.3.2'], unchanged: [] });
    expect(await service.store.get('4.2.12')).toMatchObject({ status: 'in_progress', owner: '水利部', dueDate: '2027-06-30', note });
    expect(await service.store.get('4.2.3')).toMatchObject({ status: 'done', owner: 'Ministry of Commerce, Trade Dept', note: '' });
    expect((await service.store.history('4.2.12'))[0]?.source).toBe('import');

    const exported = await service.exportCsv();
    const rows = parseCsv(exported);
    expect(rows[0]).toEqual(['section_id', 'title', 'status', 'owner', 'due_date', 'note', 'updated_at', 'updated_by']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[5]])).toEqual([
      ['4.2.3', '貿易投資便利化', 'done', 'Ministry of Commerce, Trade Dept', '', ''],
      ['4.2.12', '水資源合作', 'in_progress', '水利部', '2027-06-30', note],
      ['4.3.2', '旅遊', 'planned', '', '2026-01-15', '旅遊年'],
    ]);

    // Re-importing the export changes nothing and adds no history.
    const before = await historyRows();
    expect(await service.importCsv(exported, ADMIN)).toEqual({ ok: true, applied: [], unchanged: ['4.2.3', '4.2.12', '4.3.2'] });
    expect(await historyRows()).toBe(before);
    expect(await service.exportCsv()).toBe(exported);
  });

  it('rejects a file with bad rows as a whole, naming every bad row, and applies nothing', async () => {
    const before = await historyRows();
    const snapshot = await service.exportCsv();
    const csv = [
      'section_id,status,owner,due_date,note',
      '4.2.5,done,農業部,2026-06-30,fine on its own', // row 2: valid
      '4.2.99,done,,,', // row 3: no such section
      '4.2.6,finished-ish,,,', // row 4: unknown status
      '4.2.7,planned,,2026-02-30,', // row 5: impossible date
      '4.2.5,planned,,,', // row 6: duplicate of row 2
      ',done,,,', // row 7: no section id
    ].join('\n');
    const result = await service.importCsv(csv, ADMIN);
    expect(result.ok).toBe(false);
    const errors = 'errors' in result ? result.errors : [];
    expect(errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(errors[0]!.message).toContain('no section "4.2.99"');
    expect(errors[1]!.message).toContain('unknown status "finished-ish" (valid: not_started, planned, in_progress, done, blocked)');
    expect(errors[2]!.message).toContain('"2026-02-30" is not a real date');
    expect(errors[3]!.message).toContain('already on row 2');
    expect(errors[4]!.message).toContain('section_id is empty');
    expect(await historyRows()).toBe(before);
    expect(await service.store.get('4.2.5')).toBeUndefined();
    expect(await service.exportCsv()).toBe(snapshot);
  });

  it('rejects a malformed file or header before reading rows', async () => {
    expect(await service.importCsv('section_id,status\n4.2.5,"done\n', ADMIN)).toEqual({ ok: false, errors: [{ row: 2, message: 'a quoted field is not closed (a " is missing).' }] });
    const header = await service.importCsv('id,state\n4.2.5,done\n', ADMIN);
    expect('errors' in header && header.errors[0]).toMatchObject({ row: 1, message: expect.stringContaining('lacks the column(s) section_id, status') });
    expect(await service.importCsv('', ADMIN)).toMatchObject({ ok: false, errors: [{ row: 1 }] });
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const before = await historyRows();
    expect(await service.importCsv('section_id,status\n4.2.12,done\n4.2.3,done\n', ADMIN, { dryRun: true })).toEqual({ ok: true, applied: ['4.2.12'], unchanged: ['4.2.3'] });
    expect(await historyRows()).toBe(before);
  });

  it('only admins may import', async () => {
    expect(await service.importCsv('section_id,status\n4.2.5,done\n', MEMBER)).toEqual({ ok: false, refused: true });
    expect(await service.store.get('4.2.5')).toBeUndefined();
  });
});
