import path from 'node:path';
import { Assistant, type AssistantOptions } from '../../src/engine/answer/assistant.js';
import { IndexHolder } from '../../src/engine/index/holder.js';
import type { KnowledgeBase } from '../../src/engine/index/knowledge-base.js';
import { buildTestIndex, copyCorpus, REPO_CORPUS, tempDir } from './index-fixture.js';

export { REPO_CORPUS };

export interface CoreIndex {
  dir: string;
  corpusDir: string;
  indexesDir: string;
  kb: KnowledgeBase;
  holder: IndexHolder;
  assistant: Assistant;
  cleanup(): Promise<void>;
}

/** A real index of a temporary copy of the repo's corpus, and a plain Assistant on it. */
export async function buildCoreIndex(options: AssistantOptions = {}): Promise<CoreIndex> {
  const { dir, cleanup } = await tempDir('planbot-core-');
  const corpusDir = await copyCorpus(path.join(dir, 'corpus'));
  const indexesDir = path.join(dir, 'indexes');
  const kb = await buildTestIndex(corpusDir, indexesDir);
  const holder = new IndexHolder(kb);
  return { dir, corpusDir, indexesDir, kb, holder, assistant: new Assistant(holder, options), cleanup };
}
