import path from 'node:path';
import { IndexHolder } from '../../src/engine/index/holder.js';
import { buildTestIndex, copyCorpus, REPO_CORPUS, tempDir } from './index-fixture.js';

export interface LlmTestKnowledge {
  holder: IndexHolder;
  /** Removes the temporary folders. */
  cleanup(): Promise<void>;
}

/**
 * A real index of the repository's corpus in a temp dir (for the LLM tests).
 * `patchPlan` edits a copy of the plan's text first, e.g. to plant a prompt
 * injection in a section.
 */
export async function openLlmTestKnowledge(options: { patchPlan?: (text: string) => string } = {}): Promise<LlmTestKnowledge> {
  const { dir, cleanup } = await tempDir('planbot-llm-test-');
  const corpusDir = options.patchPlan ? await copyCorpus(path.join(dir, 'corpus'), options.patchPlan) : REPO_CORPUS;
  const kb = await buildTestIndex(corpusDir, path.join(dir, 'indexes'));
  return { holder: new IndexHolder(kb), cleanup };
}
