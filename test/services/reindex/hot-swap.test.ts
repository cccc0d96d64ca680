import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/engine/answer/assistant.js';
import type { Answer } from '../../../src/engine/answer/types.js';
import { openLiveKnowledge, type LiveKnowledge } from '../../../src/app/live.js';
import { createLogger } from '../../../src/app/logger.js';
import { loadSettings } from '../../../src/app/settings.js';
import { openKnowledgeBase, type KnowledgeBase } from '../../../src/engine/index/knowledge-base.js';
import { switchCurrentVersion } from '../../../src/engine/index/store.js';
import type { SwitchEvent } from '../../../src/engine/index/switch-hooks.js';
import { PLAN_FILE, createWorkspace, editedPlan, type Workspace } from '../../helpers/workspace.js';

const QUESTIONS = [
  '水資源合作有哪些安排?',
  '4.3.7',
  '4.2.3',
  '民間交流包括哪些群體?',
  '貿易投資便利化要做什麼?',
  '瀾湄合作領導人會議多久召開一次?',
  'What does the plan say about water resources?',
  'How often do foreign ministers meet?',
  '数字经济合作',
  '打擊跨國犯罪',
];

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('switching versions in a running process', () => {
  let ws: Workspace;
  let live: LiveKnowledge;
  let initial: string;
  const events: SwitchEvent[] = [];

  beforeEach(async () => {
    ws = await createWorkspace();
    initial = await ws.buildInitial();
    const settings = loadSettings({ CORPUS_DIR: ws.corpusDir, INDEXES_DIR: ws.indexesDir, EMBEDDER: 'lexical', INDEX_WATCH_MS: '100' }, ws.root);
    live = await openLiveKnowledge(settings, createLogger('silent'));
    events.length = 0;
    live.hooks.add('test', (e) => {
      events.push(e);
    });
  });
  afterEach(async () => {
    live?.close();
    await ws.remove();
  });

  it('200 concurrent questions during a switch all succeed, each consistent with the version it started on', async () => {
    const assistant = new Assistant(live.holder);
    // The first questions are held in a (fake) LLM wording step until the switch is over: surely in flight during it.
    let release!: () => void;
    const switched = new Promise<void>((r) => (release = r));
    const held = new Assistant(live.holder, { writer: { write: async () => switched.then(() => undefined) } });
    const preview = await live.reindex.previewDocument(PLAN_FILE, Buffer.from(await editedPlan()));
    const asked: Promise<Answer>[] = [];
    const ask = (n: number, by = assistant) => {
      for (let i = 0; i < n; i++) asked.push(by.ask(QUESTIONS[asked.length % QUESTIONS.length]!));
    };

    ask(70, held); // started before the switch, finishing after it
    const switching = live.reindex.confirm(preview.id);
    // More questions arrive while the build and the switch are under way.
    for (let round = 0; round < 6; round++) {
      ask(10);
      await new Promise((r) => setImmediate(r));
    }
    const report = await switching;
    expect(live.holder.current().version).toBe(report.version);
    release();
    ask(70); // after it
    expect(asked).toHaveLength(200);

    const settled = await Promise.allSettled(asked);
    const failures = settled.filter((s) => s.status === 'rejected');
    expect(failures).toEqual([]);
    const answers = settled.map((s) => (s as PromiseFulfilledResult<Answer>).value);
    const versions = new Set(answers.map((a) => a.indexVersion));
    expect(versions).toEqual(new Set([initial, report.version]));
    expect(answers.slice(0, 70).every((a) => a.indexVersion === initial)).toBe(true);
    expect(answers.slice(130).every((a) => a.indexVersion === report.version)).toBe(true);

    // Every answer cites only sections of the version it was answered from.
    const kbs = new Map<string, KnowledgeBase>();
    for (const v of versions) kbs.set(v, await openKnowledgeBase({ indexesDir: ws.indexesDir, embedder: ws.embedder, version: v }));
    for (const a of answers) {
      expect(['answer', 'section', 'abstain']).toContain(a.kind);
      for (const c of a.citations) expect(kbs.get(a.indexVersion)!.section(c.sectionId, c.docId), `${a.indexVersion} §${c.sectionId}`).toBeDefined();
    }
    const about437 = answers.filter((a) => a.question === '4.3.7');
    expect(about437.some((a) => a.indexVersion === initial && a.citations.some((c) => c.sectionId === '4.3.7'))).toBe(true);
    expect(about437.filter((a) => a.indexVersion === report.version).every((a) => !a.citations.some((c) => c.sectionId === '4.3.7'))).toBe(true);

    // The post-switch hooks learned which sections are gone (e.g. to flag their status records).
    expect(events).toHaveLength(1);
    expect(events[0]!.kb.version).toBe(report.version);
    expect(events[0]!.removedSectionIds).toEqual(['4.3.7']);
    expect(events[0]!.sectionIds).toContain('4.2.15');
  });

  it('picks up a version switched by another process (the CLI) without a restart', async () => {
    await writeFile(path.join(ws.corpusDir, PLAN_FILE), await editedPlan());
    const cli = ws.service(); // no afterSwitch: like `planbot index` in another process
    const report = await cli.rebuild();
    await until(() => live.holder.current().version === report.version);
    expect(events.map((e) => e.kb.version)).toEqual([report.version]);

    await cli.rollback();
    await until(() => live.holder.current().version === initial);
    expect(events.at(-1)!.removedSectionIds).toEqual(['4.2.15']);
  });

  it('a version that fails to load is not switched to; the old one keeps answering', async () => {
    await mkdir(path.join(ws.indexesDir, 'broken-version'));
    await writeFile(path.join(ws.indexesDir, 'broken-version', 'manifest.json'), '{ not json');
    await switchCurrentVersion(ws.indexesDir, 'broken-version');
    expect(await live.watcher.check()).toBe(initial);
    const answer = await new Assistant(live.holder).ask('4.2.3');
    expect(answer.indexVersion).toBe(initial);
    expect(answer.citations[0]?.sectionId).toBe('4.2.3');
    expect(events).toEqual([]);
  });

  it('a failing hook does not undo the switch', async () => {
    live.hooks.add('broken', () => {
      throw new Error('status store offline');
    });
    const preview = await live.reindex.previewRebuild();
    const report = await live.reindex.confirm(preview.id);
    expect(live.holder.current().version).toBe(report.version);
    expect(events).toHaveLength(1);
  });
});
