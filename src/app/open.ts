import type { Logger } from '../config/logger.js';
import type { Settings } from '../config/settings.js';
import { loadCorpus } from '../corpus/load.js';
import { buildIndex, type BuildProgress } from '../index/build.js';
import type { Embedder } from '../index/embedder.js';
import { chooseEmbedder } from '../index/embedders/choose.js';
import { openKnowledgeBase, type KnowledgeBase } from '../index/knowledge-base.js';
import { IndexError, readManifest } from '../index/manifest.js';
import { readCurrentVersion, removeBuildLeftovers } from '../index/store.js';
import path from 'node:path';

export interface OpenOptions {
  /** Build the index when none exists yet (npm start on a fresh clone). */
  buildIfMissing?: boolean;
  onProgress?: BuildProgress;
}

/** Picks the embedder and loads the current index, building it first if allowed and missing. */
export async function openKnowledge(settings: Settings, log: Logger, options: OpenOptions = {}): Promise<{ kb: KnowledgeBase; embedder: Embedder; built: boolean }> {
  const leftovers = await removeBuildLeftovers(settings.indexesDir);
  if (leftovers.length > 0) log.warn({ leftovers }, 'removed leftovers of an unfinished index build');
  const version = await readCurrentVersion(settings.indexesDir);
  const manifest = version ? await readManifest(path.join(settings.indexesDir, version)).catch(() => undefined) : undefined;
  const embedder = await chooseEmbedder(settings, log, manifest?.embedder);
  try {
    return { kb: await openKnowledgeBase({ indexesDir: settings.indexesDir, embedder }), embedder, built: false };
  } catch (err) {
    if (!(err instanceof IndexError && err.reason === 'missing' && options.buildIfMissing)) throw err;
  }
  log.info('no index yet: building it from the corpus');
  await buildFromCorpus(settings, embedder, options.onProgress);
  return { kb: await openKnowledgeBase({ indexesDir: settings.indexesDir, embedder }), embedder, built: true };
}

export async function buildFromCorpus(settings: Settings, embedder: Embedder, onProgress?: BuildProgress) {
  const corpus = await loadCorpus(settings.corpusDir);
  return buildIndex(corpus, { indexesDir: settings.indexesDir, embedder, ...(onProgress ? { onProgress } : {}) });
}
