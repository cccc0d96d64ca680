import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Assistant, type AssistantOptions } from '../../src/answer/assistant.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { buildIndex } from '../../src/index/build.js';
import { createLexicalEmbedder } from '../../src/index/embedders/lexical.js';
import { IndexHolder } from '../../src/index/holder.js';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/index/knowledge-base.js';
import { createDictionaryBridge } from '../../src/retrieval/dictionary-bridge.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DIR = path.join(ROOT, 'corpus');

export interface TestIndex {
  kb: KnowledgeBase;
  assistant: Assistant;
  dir: string;
  cleanup: () => Promise<void>;
}

/** A throw-away temp folder (removed by the returned cleanup). */
export async function tempDir(prefix = 'planbot-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A copy of the shipped corpus/ in a temp folder, to edit freely. */
export async function copyCorpus(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const tmp = await tempDir('planbot-corpus-');
  const dir = path.join(tmp.dir, 'corpus');
  await cp(CORPUS_DIR, dir, { recursive: true });
  return { dir, cleanup: tmp.cleanup };
}

/**
 * Builds an index (lexical embedder) of a corpus folder in a temp folder and opens
 * an Assistant on it, configured as in production (the dictionary bridge) unless
 * other Assistant options are given.
 */
export async function indexCorpus(corpusDir: string, options: { translations?: boolean; assistant?: AssistantOptions } = {}): Promise<TestIndex> {
  const tmp = await tempDir('planbot-index-');
  const embedder = createLexicalEmbedder();
  await buildIndex(await loadCorpus(corpusDir, { translations: options.translations ?? true }), { indexesDir: tmp.dir, embedder });
  const kb = await openKnowledgeBase({ indexesDir: tmp.dir, embedder });
  const assistantOptions = options.assistant ?? { expander: createDictionaryBridge() };
  return { kb, assistant: new Assistant(new IndexHolder(kb), assistantOptions), dir: tmp.dir, cleanup: tmp.cleanup };
}
