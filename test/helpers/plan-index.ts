import path from 'node:path';
import { Assistant, type AssistantOptions } from '../../src/engine/answer/assistant.js';
import { IndexHolder } from '../../src/engine/index/holder.js';
import type { KnowledgeBase } from '../../src/engine/index/knowledge-base.js';
import { createDictionaryBridge } from '../../src/engine/retrieval/dictionary-bridge.js';
import { buildTestIndex, copyCorpus as copyRepoCorpus, REPO_CORPUS, REPO_ROOT, tempDir } from './index-fixture.js';

export { tempDir };
export const ROOT = REPO_ROOT;
export const CORPUS_DIR = REPO_CORPUS;

export interface TestIndex {
  kb: KnowledgeBase;
  assistant: Assistant;
  dir: string;
  cleanup: () => Promise<void>;
}

/** A copy of the shipped corpus/ in a temp folder, to edit freely. */
export async function copyCorpus(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const tmp = await tempDir('planbot-corpus-');
  return { dir: await copyRepoCorpus(path.join(tmp.dir, 'corpus')), cleanup: tmp.cleanup };
}

/**
 * Builds an index (lexical embedder) of a corpus folder in a temp folder and opens
 * an Assistant on it, configured as in production (the dictionary bridge) unless
 * other Assistant options are given.
 */
export async function indexCorpus(corpusDir: string, options: { translations?: boolean; assistant?: AssistantOptions } = {}): Promise<TestIndex> {
  const tmp = await tempDir('planbot-index-');
  const kb = await buildTestIndex(corpusDir, tmp.dir, { translations: options.translations ?? true });
  const assistantOptions = options.assistant ?? { expander: createDictionaryBridge() };
  return { kb, assistant: new Assistant(new IndexHolder(kb), assistantOptions), dir: tmp.dir, cleanup: tmp.cleanup };
}
