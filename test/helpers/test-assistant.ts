import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Assistant, type AssistantOptions } from '../../src/answer/assistant.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { buildIndex } from '../../src/index/build.js';
import { createLexicalEmbedder } from '../../src/index/embedders/lexical.js';
import { IndexHolder } from '../../src/index/holder.js';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/index/knowledge-base.js';

export const REPO_CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../corpus');

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
  const indexesDir = await mkdtemp(path.join(os.tmpdir(), 'planbot-test-index-'));
  try {
    const embedder = createLexicalEmbedder();
    await buildIndex(await loadCorpus(options.corpusDir ?? REPO_CORPUS_DIR), { indexesDir, embedder });
    const kb = await openKnowledgeBase({ indexesDir, embedder });
    const holder = new IndexHolder(kb);
    const assistant = new Assistant(holder, options.assistant);
    return { assistant, holder, kb, indexesDir, cleanup: () => rm(indexesDir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(indexesDir, { recursive: true, force: true });
    throw err;
  }
}
