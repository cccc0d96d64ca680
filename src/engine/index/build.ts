import { SEARCH_TEXT_RULES } from '../text/search-rules.js';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chunkDocument } from '../corpus/chunk.js';
import type { LoadedCorpus } from '../corpus/load.js';
import type { Chunk } from '../corpus/types.js';
import { buildBm25 } from './bm25.js';
import type { Embedder } from './embedder.js';
import { INDEX_FORMAT, MANIFEST_FILE, fileSha256, type Manifest } from './manifest.js';
import { CHANGES_FILE, compareCorpora, countChanges, type VersionChanges } from './changes.js';
import { createBuildDir, newVersionName, readCurrentVersion, switchCurrentVersion, uniqueVersionName } from './store.js';
import { FILES, THESAURUS_FILE, type StoredCorpus } from './version-files.js';
import { VectorStore } from './vector-store.js';
import { thesaurusSummary } from '../thesaurus/summary.js';

export type BuildStage = 'parse' | 'embed' | 'write';
export type BuildProgress = (stage: BuildStage, done: number, total: number) => void;

export interface BuildOptions {
  indexesDir: string;
  embedder: Embedder;
  onProgress?: BuildProgress;
  /** Leave CURRENT alone (the caller switches after its own checks). */
  noSwitch?: boolean;
  now?: Date;
  /**
   * The version to record changes against (and to roll back to): by default the
   * one current when the build starts; null for none.
   */
  previous?: string | null;
}

export interface BuildResult {
  version: string;
  dir: string;
  manifest: Manifest;
}

export {  THESAURUS_FILE } from './version-files.js';
/** Each version keeps a copy of the corpus files it was built from, so a rollback can restore corpus/ too. */
export const SOURCE_DIR = 'source';

/** What an index version stores about its corpus (section trees and translations, not the raw files). */
export function storedCorpusOf(corpus: LoadedCorpus): StoredCorpus {
  return { documents: corpus.documents.map((d) => ({ meta: d.meta, parsed: d.parsed, translations: d.translations, sha256: d.sha256 })) };
}

/** Builds a complete index version in a temporary folder, then moves it into place and (by default) makes it current. */
export async function buildIndex(corpus: LoadedCorpus, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { embedder, onProgress } = options;
  const chunks: Chunk[] = corpus.documents.flatMap((d) => chunkDocument(d.parsed, d.translations));
  onProgress?.('parse', chunks.length, chunks.length);
  const vectors = await embedder.embedDocuments(
    chunks.map((c) => c.text),
    (done, total) => onProgress?.('embed', done, total),
  );
  const createdAt = (options.now ?? new Date()).toISOString();
  const version = await uniqueVersionName(options.indexesDir, newVersionName(corpus.hash, options.now));
  const previous = options.previous === undefined ? await readCurrentVersion(options.indexesDir) : (options.previous ?? undefined);
  const build = await createBuildDir(options.indexesDir, version);
  // A build that fails leaves nothing behind (one killed outright is cleaned at next start).
  let manifest: Manifest;
  try {
    const stored = storedCorpusOf(corpus);
    const written: string[] = [...Object.values(FILES)];
    await writeFile(path.join(build.dir, FILES.corpus), JSON.stringify(stored));
    await writeFile(path.join(build.dir, FILES.chunks), JSON.stringify(chunks));
    await writeFile(path.join(build.dir, FILES.bm25), JSON.stringify(buildBm25(chunks)));
    VectorStore.build(vectors, embedder.dimension).write(path.join(build.dir, FILES.vectors));

    const thesaurus = corpus.thesaurus;
    if (thesaurus && thesaurus.concepts.length > 0) {
      // Stored whole: a rollback serves the thesaurus that matches its corpus.
      await writeFile(path.join(build.dir, THESAURUS_FILE), JSON.stringify(thesaurus));
      written.push(THESAURUS_FILE);
    }
    const changes = await recordChanges(options.indexesDir, previous, stored, version, createdAt);
    await writeFile(path.join(build.dir, CHANGES_FILE), JSON.stringify(changes));
    written.push(CHANGES_FILE);
    for (const [relative, text] of Object.entries(corpus.sources ?? {})) {
      const target = path.join(build.dir, SOURCE_DIR, relative);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text);
      written.push(path.posix.join(SOURCE_DIR, relative.split(path.sep).join('/')));
    }
    onProgress?.('write', 1, 1);

    const files: Record<string, string> = {};
    for (const name of written) files[name] = await fileSha256(path.join(build.dir, name));
    manifest = {
      format: INDEX_FORMAT,
      version,
      createdAt,
      corpusHash: corpus.hash,
      textRules: SEARCH_TEXT_RULES,
      documents: corpus.documents.map((d) => ({
        id: d.meta.id,
        title: d.meta.title,
        language: d.meta.language,
        file: d.meta.file,
        sha256: d.sha256,
        sections: d.parsed.sections.length,
        translations: d.translations.map((t) => t.language),
      })),
      sections: corpus.documents.reduce((n, d) => n + d.parsed.sections.length, 0),
      chunks: chunks.length,
      embedder: { name: embedder.name, model: embedder.model, dimension: embedder.dimension },
      ...(thesaurus && thesaurus.concepts.length > 0 ? { thesaurus: thesaurusSummary(thesaurus) } : {}),
      files,
      buildMs: Math.round(performance.now() - started),
      ...(changes.base ? { previous: changes.base, changes: countChanges(changes.sections) } : {}),
    };
    // The manifest is written last: a folder without one is an unfinished build.
    await writeFile(path.join(build.dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  } catch (err) {
    await rm(build.dir, { recursive: true, force: true });
    throw err;
  }
  const dir = await build.commit();
  if (!options.noSwitch) await switchCurrentVersion(options.indexesDir, version);
  return { version, dir, manifest };
}

/** Section changes against the base version's stored corpus; a base that cannot be read means none are recorded. */
async function recordChanges(indexesDir: string, base: string | undefined, stored: StoredCorpus, version: string, createdAt: string): Promise<VersionChanges> {
  let before: StoredCorpus | undefined;
  let baseCreatedAt: string | undefined;
  if (base) {
    try {
      before = JSON.parse(await readFile(path.join(indexesDir, base, FILES.corpus), 'utf8')) as StoredCorpus;
      baseCreatedAt = (JSON.parse(await readFile(path.join(indexesDir, base, MANIFEST_FILE), 'utf8')) as Manifest).createdAt;
    } catch {
      before = undefined;
    }
  }
  const { documents, sections } = compareCorpora(before, stored);
  return { format: 1, version, createdAt, ...(before && base ? { base, ...(baseCreatedAt ? { baseCreatedAt } : {}) } : {}), documents, sections };
}
