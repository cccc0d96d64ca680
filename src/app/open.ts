import type { Logger } from 'pino';
import type { Settings } from './settings.js';
import { readCorpusMeta } from '../engine/corpus/metadata.js';
import type { BuildProgress } from '../engine/index/build.js';
import type { Embedder } from '../engine/index/embedder.js';
import { chooseEmbedder } from '../engine/index/embedders/choose.js';
import { openKnowledgeBase, type KnowledgeBase } from '../engine/index/knowledge-base.js';
import { IndexError, readManifest, type Manifest } from '../engine/index/manifest.js';
import { readCurrentVersion, removeBuildLeftovers } from '../engine/index/store.js';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { THESAURUS_DIR } from '../engine/thesaurus/types.js';
import { SEARCH_TEXT_RULES } from '../engine/text/search-rules.js';

export interface OpenOptions {
  /** Build the index when none exists yet (npm start on a fresh clone), or when TRANSLATIONS no longer matches it. */
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
    const kb = await openKnowledgeBase({ indexesDir: settings.indexesDir, embedder });
    const mismatch = (await translationsMismatch(kb.manifest, settings)) ?? (await thesaurusMissing(kb.manifest, settings.corpusDir)) ?? textRulesOutdated(kb.manifest);
    if (!mismatch) return { kb, embedder, built: false };
    if (!options.buildIfMissing) throw new IndexError(`${mismatch} Rebuild it with \`npm run index\`.`, 'mismatch');
    log.info(`${mismatch} Rebuilding it.`);
  } catch (err) {
    if (!(err instanceof IndexError && err.reason === 'missing' && options.buildIfMissing)) throw err;
    log.info('no index yet: building it from the corpus');
  }
  await buildFromCorpus(settings, embedder, options.onProgress);
  return { kb: await openKnowledgeBase({ indexesDir: settings.indexesDir, embedder }), embedder, built: true };
}

async function buildFromCorpus(settings: Settings, embedder: Embedder, onProgress?: BuildProgress) {
  // The corpus readers (YAML, document converters) load only when an index is built, not in every answering process.
  const [{ loadCorpus }, { buildIndex }] = await Promise.all([import('../engine/corpus/load.js'), import('../engine/index/build.js')]);
  const corpus = await loadCorpus(settings.corpusDir, { translations: settings.TRANSLATIONS });
  return buildIndex(corpus, { indexesDir: settings.indexesDir, embedder, ...(onProgress ? { onProgress } : {}) });
}

/** An index whose search terms were made by older rules would miss words the questions are now read into. */
function textRulesOutdated(manifest: Manifest): string | undefined {
  const built = manifest.textRules ?? 1;
  return built === SEARCH_TEXT_RULES ? undefined : `The index ${manifest.version} was built with search text rules ${built}; this version reads questions with rules ${SEARCH_TEXT_RULES}.`;
}

/**
 * An index built before the corpus had a thesaurus (an upgrade) would answer without it,
 * silently refusing everyday words: say so, so it is rebuilt like a TRANSLATIONS mismatch.
 */
async function thesaurusMissing(manifest: Manifest, corpusDir: string): Promise<string | undefined> {
  if (manifest.thesaurus) return undefined;
  const files = await readdir(path.join(corpusDir, THESAURUS_DIR)).catch(() => [] as string[]);
  return files.some((f) => /\.ya?ml$/i.test(f)) ? `The index ${manifest.version} was built without the thesaurus in ${path.join(corpusDir, THESAURUS_DIR)}.` : undefined;
}

/**
 * Why the index in service does not follow TRANSLATIONS (undefined when it does):
 * switched off but the index holds translations, or on while corpus.json declares
 * translations the index lacks.
 */
async function translationsMismatch(manifest: Manifest, settings: Pick<Settings, 'TRANSLATIONS' | 'corpusDir'>): Promise<string | undefined> {
  const indexed = manifest.documents.some((d) => d.translations.length > 0);
  if (!settings.TRANSLATIONS) {
    return indexed ? `TRANSLATIONS=off but the index ${manifest.version} includes translations.` : undefined;
  }
  if (indexed) return undefined;
  const declared = await readCorpusMeta(settings.corpusDir)
    .then((meta) => meta.documents.some((d) => d.translations.length > 0 && manifest.documents.some((m) => m.id === d.id)))
    .catch(() => false);
  return declared ? `TRANSLATIONS=on but the index ${manifest.version} was built without the translations corpus.json declares.` : undefined;
}
