import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Assistant, type AssistantOptions } from '../../src/answer/assistant.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { buildIndex } from '../../src/index/build.js';
import { createLexicalEmbedder } from '../../src/index/embedders/lexical.js';
import { IndexHolder } from '../../src/index/holder.js';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/index/knowledge-base.js';

export const REPO_CORPUS = path.resolve(import.meta.dirname, '../../corpus');

export interface CoreIndex {
  dir: string;
  corpusDir: string;
  indexesDir: string;
  kb: KnowledgeBase;
  holder: IndexHolder;
  assistant: Assistant;
  cleanup(): Promise<void>;
}

/** A real index of a temporary copy of the repo's corpus (lexical embedder), and an Assistant on it. */
export async function buildCoreIndex(options: AssistantOptions = {}): Promise<CoreIndex> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'planbot-core-'));
  const corpusDir = path.join(dir, 'corpus');
  const indexesDir = path.join(dir, 'indexes');
  await cp(REPO_CORPUS, corpusDir, { recursive: true });
  const embedder = createLexicalEmbedder();
  await buildIndex(await loadCorpus(corpusDir), { indexesDir, embedder });
  const kb = await openKnowledgeBase({ indexesDir, embedder });
  const holder = new IndexHolder(kb);
  return { dir, corpusDir, indexesDir, kb, holder, assistant: new Assistant(holder, options), cleanup: () => rm(dir, { recursive: true, force: true }) };
}
