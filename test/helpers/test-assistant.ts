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

const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../corpus');

export interface TestAssistant {
  assistant: Assistant;
  holder: IndexHolder;
  kb: KnowledgeBase;
  /** The temporary folder holding the index versions (and CURRENT). */
  indexesDir: string;
  /** Removes the temporary index. */
  cleanup(): Promise<void>;
}

/**
 * An Assistant on a real index of the real corpus, built with the offline
 * lexical embedder into a temporary folder (a second or two). Front-end tests
 * use it to put real answers behind their real client libraries.
 */
export async function createTestAssistant(options: AssistantOptions = {}): Promise<TestAssistant> {
  const indexesDir = await mkdtemp(path.join(os.tmpdir(), 'planbot-test-index-'));
  try {
    const embedder = createLexicalEmbedder();
    await buildIndex(await loadCorpus(CORPUS_DIR), { indexesDir, embedder });
    const kb = await openKnowledgeBase({ indexesDir, embedder });
    const holder = new IndexHolder(kb);
    return { assistant: new Assistant(holder, options), holder, kb, indexesDir, cleanup: () => rm(indexesDir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(indexesDir, { recursive: true, force: true });
    throw err;
  }
}
