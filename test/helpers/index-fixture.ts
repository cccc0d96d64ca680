import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/engine/corpus/load.js';
import { buildIndex } from '../../src/engine/index/build.js';
import { createLexicalEmbedder } from '../../src/engine/index/embedders/lexical.js';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/engine/index/knowledge-base.js';

/**
 * The one way tests get a real index: the repository's corpus (or an edited copy
 * of it) built with the offline lexical embedder into a temporary folder. The
 * other helpers (core-index, test-assistant, plan-index, …) are shapes over this.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO_CORPUS = path.join(REPO_ROOT, 'corpus');
export const PLAN_FILE = 'lmc-plan-2023-2027.zh-Hant.txt';

/** A throw-away temp folder and the function that removes it. */
export async function tempDir(prefix = 'planbot-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Copies a corpus (the repository's by default) to `into`, editing the plan's text when asked (a new document version). */
export async function copyCorpus(into: string, editPlan?: (text: string) => string, from = REPO_CORPUS): Promise<string> {
  await cp(from, into, { recursive: true });
  if (editPlan) {
    const file = path.join(into, PLAN_FILE);
    await writeFile(file, editPlan(await readFile(file, 'utf8')));
  }
  return into;
}

/** Builds an index of `corpusDir` into `indexesDir` (current unless `makeCurrent: false`) and opens it. */
export async function buildTestIndex(corpusDir: string, indexesDir: string, options: { translations?: boolean; makeCurrent?: boolean } = {}): Promise<KnowledgeBase> {
  const embedder = createLexicalEmbedder();
  const corpus = await loadCorpus(corpusDir, { translations: options.translations ?? true });
  const { version } = await buildIndex(corpus, { indexesDir, embedder, noSwitch: options.makeCurrent === false });
  return openKnowledgeBase({ indexesDir, embedder, version });
}
