/**
 * Two re-index services on one workspace (two workers) sharing their dry runs through a
 * SharedPreviewStore: an uploaded document previewed by one is confirmed by the other,
 * bytes and all; a cancelled one is gone for both. (The PostgreSQL store itself runs in
 * test/adapters/two-workers.test.ts.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCurrentVersion } from '../../../src/engine/index/store.js';
import type { SharedPreviewStore } from '../../../src/services/reindex/types.js';
import { docxFile } from '../../helpers/docx.js';
import { createWorkspace, editedPlan, type Workspace } from '../../helpers/workspace.js';

/** The shared store as a plain map (what the PostgreSQL table holds, minus the server). */
function mapStore(): SharedPreviewStore & { rows: Map<string, { body: string; expiresAt: Date }> } {
  const rows = new Map<string, { body: string; expiresAt: Date }>();
  return {
    rows,
    save: async (id, body, expiresAt) => void rows.set(id, { body, expiresAt }),
    load: async (id) => rows.get(id)?.body,
    delete: async (id) => void rows.delete(id),
  };
}

describe('dry runs shared by workers', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await createWorkspace();
    await ws.buildInitial();
  });
  afterEach(async () => {
    await ws.remove();
  });

  it('a document previewed on one worker is confirmed on the other, with the uploaded bytes', async () => {
    const shared = mapStore();
    const a = ws.service({ sharedPreviews: shared });
    const b = ws.service({ sharedPreviews: shared });
    const upload = await docxFile((await editedPlan()).split('\n').filter((l) => l.trim()));
    const preview = await a.previewDocument('lmc-plan-2023-2027.docx', upload);
    expect(shared.rows.has(preview.id)).toBe(true);

    expect(b.pendingPreview(preview.id)).toBeUndefined();
    expect(await b.fetchPreview(preview.id)).toEqual(preview);
    const report = await b.confirm(preview.id);
    expect(report.switched).toBe(true);
    expect(report.summary.added.map((s) => s.sectionId)).toEqual(['4.2.15']);
    expect(await readCurrentVersion(ws.indexesDir)).toBe(report.version);
    await expect.poll(() => shared.rows.size).toBe(0);
  });

  it('a dry run cancelled on one worker cannot be confirmed on the other', async () => {
    const shared = mapStore();
    const a = ws.service({ sharedPreviews: shared });
    const b = ws.service({ sharedPreviews: shared });
    const upload = await docxFile((await editedPlan()).split('\n').filter((l) => l.trim()));
    const preview = await a.previewDocument('lmc-plan-2023-2027.docx', upload);
    expect(a.cancel(preview.id)).toBe(true);
    await expect.poll(() => shared.rows.size).toBe(0);
    expect(await b.fetchPreview(preview.id)).toBeUndefined();
  });
});
