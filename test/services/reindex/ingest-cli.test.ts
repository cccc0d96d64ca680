import { execFile } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTES_TEXT } from '../../helpers/minutes-corpus.js';
import { PLAN_FILE, createWorkspace, editedPlan, snapshot, type Workspace } from '../../helpers/workspace.js';

// An admin adds meeting minutes from the terminal: the dry run says what will be saved,
// and rolling the ingest back takes the added file and its corpus.json entry out again.
const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../bin/planbot.js');
let ws: Workspace;
let env: NodeJS.ProcessEnv;

async function planbot(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args], { env, cwd: ws.root, timeout: 60_000 });
  return stdout;
}
const documentIds = async () => (JSON.parse(await readFile(path.join(ws.corpusDir, 'corpus.json'), 'utf8')) as { documents: { id: string; file: string }[] }).documents;

beforeAll(async () => {
  ws = await createWorkspace();
  await ws.buildInitial();
  env = { ...process.env, CORPUS_DIR: ws.corpusDir, INDEXES_DIR: ws.indexesDir, DATA_DIR: path.join(ws.root, 'data'), EMBEDDER: 'lexical', LOG_LEVEL: 'warn' };
  for (const key of ['TELEGRAM_BOT_TOKEN', 'SLACK_BOT_TOKEN', 'OPENAI_API_KEY']) delete env[key];
  await writeFile(path.join(ws.root, 'fm-minutes-2024.txt'), MINUTES_TEXT);
  await writeFile(path.join(ws.root, PLAN_FILE), await editedPlan());
});
afterAll(async () => ws?.remove());

describe('planbot ingest', () => {
  it('--dry-run says what will be saved, for a new document, and saves nothing', async () => {
    const before = await snapshot(ws.corpusDir);
    const out = await planbot('ingest', '--dry-run', path.join(ws.root, 'fm-minutes-2024.txt'));
    expect(out).toContain('Dry run — new document "瀾湄合作外長會會議紀要(2024)" (fm-minutes-2024)');
    expect(out).toContain('File: fm-minutes-2024.txt (txt, utf-8), 7 sections');
    expect(out).toContain('Will save: corpus/fm-minutes-2024.txt (new), and a new entry "fm-minutes-2024" in corpus/corpus.json.');
    expect(out).toMatch(/Nothing has been saved \(dry run\)\. Run `planbot ingest .*fm-minutes-2024\.txt` to save it, build and switch\.$/m);
    expect(await snapshot(ws.corpusDir)).toEqual(before);
  });

  it('--dry-run of a new plan version warns which translated sections would become outdated', async () => {
    const out = await planbot('ingest', '--dry-run', path.join(ws.root, PLAN_FILE));
    expect(out).toContain('Dry run — new version of "瀾湄合作五年行動計畫(2023-2027)" (lmc-plan-2023-2027)');
    expect(out).toContain(`Will save: corpus/${PLAN_FILE} (updated; the version in service is kept in corpus/history/).`);
    // 4.2.3 changes (4.3.7 is removed, the new 4.2.15 has no translation yet: neither is outdated).
    expect(out).toContain('Warning: the en translation of §4.2.3 (lmc-plan-2023-2027) would become outdated;');
  });

  it('a rollback of a new-document ingest removes the file it added and its corpus.json entry', async () => {
    const before = await readdir(ws.corpusDir);
    const ingested = await planbot('ingest', '--yes', path.join(ws.root, 'fm-minutes-2024.txt'));
    expect(ingested).toMatch(/Re-indexed: index \S+ is now current/);
    expect(await readdir(ws.corpusDir)).toContain('fm-minutes-2024.txt');
    expect((await documentIds()).map((d) => d.id)).toEqual(['lmc-plan-2023-2027', 'fm-minutes-2024']);
    expect(await planbot('docs')).toContain('7 sections');

    const rolled = await planbot('index', '--rollback');
    expect(rolled).toContain('Removed from corpus/ (added after the version now current): fm-minutes-2024.txt.');
    expect((await readdir(ws.corpusDir)).sort()).toEqual([...new Set([...before, 'history'])].sort());
    expect((await documentIds()).map((d) => d.id)).toEqual(['lmc-plan-2023-2027']);
    // Nothing is lost: the removed file is kept in the rollback's history folder.
    const history = await readdir(path.join(ws.corpusDir, 'history'));
    const rollbackDir = history.find((d) => d.endsWith('-rollback'))!;
    expect(await readFile(path.join(ws.corpusDir, 'history', rollbackDir, 'fm-minutes-2024.txt'), 'utf8')).toBe(MINUTES_TEXT);
  });
});
