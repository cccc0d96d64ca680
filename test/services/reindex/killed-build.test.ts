import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/engine/answer/assistant.js';
import { openLiveKnowledge } from '../../../src/app/live.js';
import { createLogger } from '../../../src/app/logger.js';
import { loadSettings } from '../../../src/app/settings.js';
import { LOCK_FILE } from '../../../src/engine/index/lock.js';
import { openKnowledgeBase } from '../../../src/engine/index/knowledge-base.js';
import { readCurrentVersion } from '../../../src/engine/index/store.js';
import { killAndWait, runTsChild, waitForFile } from '../../helpers/child.js';
import { PLAN_FILE, createWorkspace, editedPlan, type Workspace } from '../../helpers/workspace.js';

describe('a re-index killed half-way', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await createWorkspace();
  });
  afterEach(async () => {
    await ws.remove();
  });

  it('leaves the old version serving, and its leftovers are cleaned at the next start', async () => {
    const initial = await ws.buildInitial();
    await writeFile(path.join(ws.corpusDir, PLAN_FILE), await editedPlan());
    const marker = path.join(ws.root, 'build-paused');

    // A separate process re-indexes and is killed once its data files are written.
    const child = runTsChild('killable-build.ts', [ws.corpusDir, ws.indexesDir, marker]);
    try {
      await waitForFile(marker);
    } finally {
      await killAndWait(child);
    }
    expect(child.signalCode).toBe('SIGKILL');

    const leftovers = (await readdir(ws.indexesDir)).filter((e) => e.startsWith('.building-'));
    expect(leftovers).toHaveLength(1);
    expect(await readdir(path.join(ws.indexesDir, leftovers[0]!))).toContain('vectors.hnsw');
    expect(existsSync(path.join(ws.indexesDir, LOCK_FILE))).toBe(true);
    // The old version is still current and loads.
    expect(await readCurrentVersion(ws.indexesDir)).toBe(initial);
    const kb = await openKnowledgeBase({ indexesDir: ws.indexesDir, embedder: ws.embedder });
    expect(kb.section('4.3.7')).toBeDefined();

    // Next start: the bot process cleans up and serves the old version…
    const settings = loadSettings({ CORPUS_DIR: ws.corpusDir, INDEXES_DIR: ws.indexesDir, EMBEDDER: 'lexical' }, ws.root);
    const live = await openLiveKnowledge(settings, createLogger('silent'));
    try {
      expect((await readdir(ws.indexesDir)).filter((e) => e.startsWith('.building-'))).toEqual([]);
      expect(live.holder.current().version).toBe(initial);
      const answer = await new Assistant(live.holder).ask('4.3.7');
      expect(answer.citations.map((c) => c.sectionId)).toContain('4.3.7');

      // …and the dead process's lock does not block the next re-index.
      const preview = await live.reindex.previewRebuild();
      expect(preview.summary.removed.map((s) => s.sectionId)).toEqual(['4.3.7']);
      const report = await live.reindex.confirm(preview.id);
      expect(live.holder.current().version).toBe(report.version);
      expect(existsSync(path.join(ws.indexesDir, LOCK_FILE))).toBe(false);
    } finally {
      live.close();
    }
  });
});
