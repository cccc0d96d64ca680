import { rm } from 'node:fs/promises';
import { Assistant, type AssistantOptions } from '../../src/engine/answer/assistant.js';
import { IndexHolder } from '../../src/engine/index/holder.js';
import type { KnowledgeBase } from '../../src/engine/index/knowledge-base.js';
import { buildTestIndex, REPO_CORPUS, tempDir } from './index-fixture.js';

export interface TestAssistant {
  assistant: Assistant;
  holder: IndexHolder;
  kb: KnowledgeBase;
  indexesDir: string;
  /** Removes the temporary index folder. */
  cleanup(): Promise<void>;
}

/**
 * An Assistant on a real index, built into a temporary folder with the offline
 * lexical embedder — from the repository's corpus unless `corpusDir` names
 * another one (a test document with special content).
 */
export async function createTestAssistant(options: { corpusDir?: string; assistant?: AssistantOptions } = {}): Promise<TestAssistant> {
  const { dir: indexesDir, cleanup } = await tempDir('planbot-test-index-');
  try {
    const kb = await buildTestIndex(options.corpusDir ?? REPO_CORPUS, indexesDir);
    const holder = new IndexHolder(kb);
    return { assistant: new Assistant(holder, options.assistant), holder, kb, indexesDir, cleanup };
  } catch (err) {
    await rm(indexesDir, { recursive: true, force: true });
    throw err;
  }
}
