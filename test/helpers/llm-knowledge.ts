import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/corpus/load.js';
import { buildIndex } from '../../src/index/build.js';
import { createLexicalEmbedder } from '../../src/index/embedders/lexical.js';
import { IndexHolder } from '../../src/index/holder.js';
import { openKnowledgeBase } from '../../src/index/knowledge-base.js';

const CORPUS_DIR = fileURLToPath(new URL('../../corpus', import.meta.url));
const PLAN_FILE = 'lmc-plan-2023-2027.zh-Hant.txt';

export interface LlmTestKnowledge {
  holder: IndexHolder;
  /** Removes the temporary folders. */
  cleanup(): Promise<void>;
}

/**
 * A real index of the repository's corpus, built with the lexical embedder in a
 * temp dir (for the LLM tests). `patchPlan` edits a copy of the plan's text first,
 * e.g. to plant a prompt injection in a section.
 */
export async function openLlmTestKnowledge(options: { patchPlan?: (text: string) => string } = {}): Promise<LlmTestKnowledge> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'planbot-llm-test-'));
  const indexesDir = path.join(root, 'indexes');
  let corpusDir = CORPUS_DIR;
  if (options.patchPlan) {
    corpusDir = path.join(root, 'corpus');
    await cp(CORPUS_DIR, corpusDir, { recursive: true });
    const file = path.join(corpusDir, PLAN_FILE);
    await writeFile(file, options.patchPlan(await readFile(file, 'utf8')));
  }
  const embedder = createLexicalEmbedder();
  await buildIndex(await loadCorpus(corpusDir), { indexesDir, embedder });
  const kb = await openKnowledgeBase({ indexesDir, embedder });
  return {
    holder: new IndexHolder(kb),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
