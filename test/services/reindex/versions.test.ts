import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IndexBusyError, acquireIndexLock } from '../../../src/engine/index/lock.js';
import { listVersionDirs, readCurrentVersion } from '../../../src/engine/index/store.js';
import { renderVersions } from '../../../src/services/reindex/render.js';
import { reindexErrorMessage } from '../../../src/services/reindex/service.js';
import { killAndWait, runTsChild, waitForOutput } from '../../helpers/child.js';
import { PLAN_FILE, createWorkspace, editedPlan, planText, snapshot, type Workspace } from '../../helpers/workspace.js';

describe('index versions', () => {
  let ws: Workspace;
  let initial: string;

  beforeEach(async () => {
    ws = await createWorkspace();
    initial = await ws.buildInitial();
  });
  afterEach(async () => {
    await ws.remove();
  });

  /** An admin edits the plan in corpus/ by hand (each edit a little different). */
  async function editCorpus(n: number): Promise<void> {
    const text = await planText();
    await writeFile(path.join(ws.corpusDir, PLAN_FILE), text.replace('每年舉行一次外長會', `每年舉行${n + 1}次外長會`));
  }

  it('lists versions newest first, the current one and the rollback target marked', async () => {
    await editCorpus(1);
    const report = await ws.service().rebuild();
    const versions = await ws.service().versions();
    expect(versions.map((v) => [v.version, v.current, v.rollbackTarget])).toEqual([
      [report.version, true, false],
      [initial, false, true],
    ]);
    expect(versions[0]).toMatchObject({ sections: 41, embedder: 'lexical (hashed-ngrams-v1, 2048d)', previous: initial, changes: { added: 0, removed: 0, changed: 1 } });
    expect(versions[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const text = renderVersions(versions);
    expect(text.split('\n')[0]).toMatch(new RegExp(`^\\* ${report.version} .* 41 sections +lexical`));
    expect(text.split('\n')[1]).toMatch(new RegExp(`^< ${initial}`));
  });

  it('an unchanged corpus is not rebuilt unless forced', async () => {
    const service = ws.service();
    const same = await service.rebuild();
    expect(same).toMatchObject({ switched: false, version: initial });
    const forced = await service.rebuild({ force: true });
    expect(forced.switched).toBe(true);
    expect(forced.summary.changed).toEqual([]);
  });

  it('keeps INDEX_KEEP versions, but never deletes the current one or the rollback target', async () => {
    const service = ws.service({ keep: 1 });
    const built = [initial];
    for (let n = 1; n <= 3; n++) {
      await editCorpus(n);
      const report = await service.rebuild();
      built.push(report.version);
      // keep=1 would leave only the current version; the rollback target survives too.
      expect(await listVersionDirs(ws.indexesDir)).toEqual([built[n - 1], built[n]].sort());
      if (n > 1) expect(report.pruned).toEqual([built[n - 2]]);
    }
    const three = ws.service({ keep: 3 });
    await editCorpus(9);
    const report = await three.rebuild();
    expect(report.pruned).toEqual([]);
    expect((await listVersionDirs(ws.indexesDir)).length).toBe(3);
  });

  it('rollback makes the previous version current and restores corpus/, keeping the newer files', async () => {
    const service = ws.service();
    const original = await snapshot(ws.corpusDir);
    const preview = await service.previewDocument(`${PLAN_FILE}`, Buffer.from(await editedPlan()));
    const upload = await service.confirm(preview.id);

    const rollback = await service.previewRollback();
    expect(rollback).toMatchObject({ kind: 'rollback', baseVersion: upload.version, targetVersion: initial });
    // Going back re-adds 4.3.7, removes 4.2.15 and changes 4.2.3 back.
    expect(rollback.summary.added.map((s) => s.sectionId)).toEqual(['4.3.7']);
    expect(rollback.summary.removed.map((s) => s.sectionId)).toEqual(['4.2.15']);
    expect(rollback.summary.changed.map((s) => s.sectionId)).toEqual(['4.2.3']);
    const report = await service.confirm(rollback.id);
    expect(report).toMatchObject({ kind: 'rollback', version: initial, previousVersion: upload.version });
    expect(await readCurrentVersion(ws.indexesDir)).toBe(initial);

    // corpus/ is as it was; the uploaded text is kept in history.
    const now = await snapshot(ws.corpusDir);
    for (const [file, content] of Object.entries(original)) expect(now[file], file).toBe(content);
    const kept = await readFile(path.join(ws.corpusDir, report.corpus!.historyDir!, PLAN_FILE), 'utf8');
    expect(kept).toContain('4.2.15 數字貿易合作');
    // The newer version stays on disk (it is the newest), and a rebuild would now find nothing to do.
    expect(await listVersionDirs(ws.indexesDir)).toContain(upload.version);
    expect((await service.rebuild()).switched).toBe(false);

    // The first version has nothing before it.
    const err = await service.previewRollback().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'no-previous' });
  });

  it('rollback is refused, changing nothing, when the previous version was deleted', async () => {
    const service = ws.service();
    await editCorpus(1);
    const v2 = await service.rebuild();
    const { rm } = await import('node:fs/promises');
    await rm(path.join(ws.indexesDir, initial), { recursive: true });
    const err = await service.previewRollback().catch((e: unknown) => e);
    expect(reindexErrorMessage(err)).toMatch(/no longer on disk/);
    expect(await readCurrentVersion(ws.indexesDir)).toBe(v2.version);
  });

  describe('one re-index at a time', () => {
    it('of two re-index requests at once, the second is told one is already running', async () => {
      await editCorpus(1);
      const a = ws.service();
      const b = ws.service();
      const [pa, pb] = [await a.previewRebuild(), await b.previewRebuild()];
      const results = await Promise.allSettled([a.confirm(pa.id), b.confirm(pb.id)]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(IndexBusyError);
      expect(reindexErrorMessage(rejected[0]!.reason)).toMatch(/^A re-index is already running \(rebuild from corpus\/, started .* by process \d+\)\. Try again when it has finished\.$/);
      expect(await listVersionDirs(ws.indexesDir)).toHaveLength(2);
    });

    it('a re-index running in another process blocks this one; once that process is gone, its lock is taken over', async () => {
      await editCorpus(1);
      const child = runTsChild('hold-lock.ts', [ws.indexesDir]);
      try {
        const line = await waitForOutput(child, /locked (\d+)/);
        const pid = Number(line.split(' ')[1]);
        const service = ws.service();
        const err = await service.rebuild().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(IndexBusyError);
        expect((err as IndexBusyError).holder.pid).toBe(pid);
        expect(await service.running()).toMatchObject({ pid, purpose: 'a test holding the lock' });
        expect(await readCurrentVersion(ws.indexesDir)).toBe(initial);
      } finally {
        await killAndWait(child);
      }
      const service = ws.service();
      expect(await service.running()).toBeUndefined();
      const report = await service.rebuild();
      expect(report.switched).toBe(true);
    });

    it('the lock is released after a failed build', async () => {
      await editCorpus(1);
      const failing = ws.service({ embedder: { ...ws.embedder, embedDocuments: () => Promise.reject(new Error('model crashed')) } });
      const corpus = await snapshot(ws.corpusDir);
      const indexes = await snapshot(ws.indexesDir);
      const err = await failing.rebuild().catch((e: unknown) => e);
      expect(reindexErrorMessage(err)).toBe('The re-index failed (model crashed). The version in service is unchanged.');
      expect(await snapshot(ws.corpusDir)).toEqual(corpus);
      expect(await snapshot(ws.indexesDir)).toEqual(indexes);
      const lock = await acquireIndexLock(ws.indexesDir, 'after the failure');
      await lock.release();
    });
  });
});
