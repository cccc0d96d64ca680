import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../../../src/services/storage/sql-database.js';
import { StatusStore, StatusUpdateError, compareSectionIds } from '../../../src/services/status/store.js';
import type { UpdatedBy } from '../../../src/services/status/model.js';
import { STATUS_VALUES } from '../../../src/services/status/model.js';
import { storageBackends } from '../../helpers/storage-backends.js';

const by: UpdatedBy = { platform: 'telegram', userId: '1001', displayName: '陳主任' };

describe.each(storageBackends())('status records and history ($name)', (backend) => {
  let db: SqlDatabase;
  let store: StatusStore;
  beforeAll(async () => {
    db = await backend.open();
    store = new StatusStore(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('100 concurrent updates of one item leave 100 history rows and a final state equal to the last of them', async () => {
    const updates = Array.from({ length: 100 }, (_, i) => ({
      sectionId: '4.2.1',
      status: STATUS_VALUES[i % STATUS_VALUES.length]!,
      note: `update ${i}`,
      owner: `agency ${i % 7}`,
    }));
    const results = await Promise.all(updates.map((u, i) => store.apply(u, { by: { ...by, userId: `u${i}` } })));

    const history = await store.history('4.2.1', 1000);
    expect(history).toHaveLength(100);
    // Each change saw the one before it: the chain of previous statuses is unbroken.
    const chronological = [...history].reverse();
    chronological.forEach((change, i) => {
      expect(change.previousStatus).toBe(i === 0 ? undefined : chronological[i - 1]!.status);
    });
    const final = await store.get('4.2.1');
    const last = chronological.at(-1)!;
    expect(final).toMatchObject({ status: last.status, note: last.note, owner: last.owner, updatedBy: last.updatedBy });
    // Change counts handed back are 1..100, each exactly once.
    expect(results.map((r) => r.changes).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('stores a note with quotes and SQL verbatim, and the tables survive', async () => {
    const note = `He said "it's done"; '; DROP TABLE item_status; -- and 'x' OR 1=1`;
    await store.apply({ sectionId: '4.2.12', status: 'in_progress', note, owner: `O'Brien "Water" Agency` }, { by });
    const record = await store.get('4.2.12');
    expect(record?.note).toBe(note);
    expect(record?.owner).toBe(`O'Brien "Water" Agency`);
    expect((await store.history('4.2.12'))[0]?.note).toBe(note);
    expect(await db.get('SELECT COUNT(*) AS n FROM item_status WHERE section_id = ?', ['4.2.12'])).toEqual({ n: 1 });
  });

  it('an update keeps the fields it does not name, and clears those given as empty', async () => {
    await store.apply({ sectionId: '4.2.5', status: 'planned', owner: '農業部', dueDate: '2026-12-31', note: 'first' }, { by });
    await store.apply({ sectionId: '4.2.5', status: 'in_progress' }, { by });
    expect(await store.get('4.2.5')).toMatchObject({ status: 'in_progress', owner: '農業部', dueDate: '2026-12-31', note: 'first' });
    await store.apply({ sectionId: '4.2.5', dueDate: null, note: '' }, { by });
    const record = await store.get('4.2.5');
    expect(record?.dueDate).toBeUndefined();
    expect(record?.note).toBe('');
    expect(record?.status).toBe('in_progress');
    expect(await store.changeCount('4.2.5')).toBe(3);
  });

  it('a first update without a status is refused and writes nothing', async () => {
    await expect(store.apply({ sectionId: '4.3.2', note: 'no status yet' }, { by })).rejects.toBeInstanceOf(StatusUpdateError);
    expect(await store.get('4.3.2')).toBeUndefined();
    expect(await store.history('4.3.2')).toEqual([]);
  });

  it('applyAll writes every update or none', async () => {
    await expect(
      store.applyAll([{ sectionId: '5.1', status: 'done' }, { sectionId: '5.2', note: 'no status: fails' }], { by, source: 'import' }),
    ).rejects.toBeInstanceOf(StatusUpdateError);
    expect(await store.get('5.1')).toBeUndefined();
  });

  it('flags records whose section disappeared, keeps them, and unflags them when the section returns', async () => {
    await store.apply({ sectionId: '4.2.14', status: 'in_progress', note: 'forestry' }, { by, titles: () => '生態環境保護和林業合作' });
    const current = ['4.2.1', '4.2.5', '4.2.12'];
    const first = await store.flagMissingSections(current, new Date('2026-01-01T00:00:00Z'));
    expect(first.flagged).toContain('4.2.14');
    expect(await store.get('4.2.14')).toMatchObject({ status: 'in_progress', note: 'forestry', sectionTitle: '生態環境保護和林業合作', missingSince: '2026-01-01T00:00:00.000Z' });
    // Flagging again changes nothing and keeps the first date.
    expect((await store.flagMissingSections(current)).flagged).toEqual([]);
    const back = await store.flagMissingSections([...current, '4.2.14']);
    expect(back.restored).toEqual(['4.2.14']);
    expect((await store.get('4.2.14'))?.missingSince).toBeUndefined();
    expect(await store.history('4.2.14')).toHaveLength(1);
  });

  it('lists records in section order (4.2.9 before 4.2.10) and summarises them', async () => {
    await store.apply({ sectionId: '4.2.10', status: 'done' }, { by });
    await store.apply({ sectionId: '4.2.9', status: 'done' }, { by });
    const ids = (await store.list('done')).map((r) => r.sectionId);
    expect(ids.indexOf('4.2.9')).toBeLessThan(ids.indexOf('4.2.10'));
    expect(['4.10', '4.2', '0', '4.2.1', '4'].sort(compareSectionIds)).toEqual(['0', '4', '4.2', '4.2.1', '4.10']);
    const summary = await store.summary();
    expect(summary.tracked).toBe((await store.list()).length);
    expect(summary.lastChange?.sectionId).toBe('4.2.9');
  });
});
