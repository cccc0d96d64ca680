import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/engine/corpus/load.js';
import { buildIndex } from '../../../src/engine/index/build.js';
import { readCurrentVersion } from '../../../src/engine/index/store.js';
import { renderVersions } from '../../../src/services/reindex/render.js';
import { listVersions } from '../../../src/services/reindex/versions.js';
import { PLAN_FILE, createWorkspace, planText, type Workspace } from '../../helpers/workspace.js';

/**
 * Issue 15, item 7: a build killed after its version folder was complete but
 * before the switch leaves a version that was never served. `planbot versions`
 * lists it apart as a leftover, it does not count toward INDEX_KEEP, and the
 * next re-index removes it.
 */

describe('a complete version a killed build never switched to', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await createWorkspace();
  });
  afterEach(async () => {
    await ws.remove();
  });

  const edit = async (n: number) => writeFile(path.join(ws.corpusDir, PLAN_FILE), (await planText()).replace('貿易投資便利化', `貿易投資便利化(第${n}版)`));
  /** What a build killed between committing its folder and switching CURRENT leaves behind. */
  const leaveUnswitched = async () => (await buildIndex(await loadCorpus(ws.corpusDir), { indexesDir: ws.indexesDir, embedder: ws.embedder, noSwitch: true, previous: await readCurrentVersion(ws.indexesDir) ?? null })).version;

  it('is listed apart as a leftover, not as a version to roll back to', async () => {
    const initial = await ws.buildInitial();
    await edit(1);
    const leftover = await leaveUnswitched();

    const versions = await listVersions(ws.indexesDir);
    expect(versions.find((v) => v.version === initial)).toMatchObject({ current: true });
    expect(versions.find((v) => v.version === leftover)).toMatchObject({ current: false, leftover: true });
    const text = renderVersions(versions);
    const [served, left] = text.split('Left by an interrupted build');
    expect(served).toContain(initial);
    expect(served).not.toContain(leftover);
    expect(left).toContain(leftover);
    expect(left).toMatch(/never served; removed at the next re-index/);
  });

  it('does not count toward INDEX_KEEP and is removed by the next switch', async () => {
    const initial = await ws.buildInitial();
    await edit(1);
    const leftover = await leaveUnswitched();
    const service = ws.service({ keep: 3 });
    const built: string[] = [];
    const pruned: string[][] = [];
    for (const n of [2, 3, 4]) {
      await edit(n);
      const report = await service.confirm((await service.previewRebuild()).id);
      built.push(report.version);
      pruned.push(report.pruned);
    }
    // The first switch removes the leftover; the three served versions kept are the newest three, so the initial one goes last.
    expect(pruned).toEqual([[leftover], [], [initial]]);
    const names = await readdir(ws.indexesDir);
    for (const v of built) expect(names).toContain(v);
    expect((await listVersions(ws.indexesDir)).map((v) => v.version).sort()).toEqual([...built].sort());
  });
});
