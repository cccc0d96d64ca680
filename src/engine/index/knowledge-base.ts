import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentMeta } from '../corpus/metadata.js';
import type { Chunk, DocumentTranslation, Section, SectionTranslation } from '../corpus/types.js';
import { Bm25Index, type Bm25Data } from './bm25.js';
import type { Embedder } from './embedder.js';
import { FILES, THESAURUS_FILE, type StoredCorpus } from './version-files.js';
import { EMPTY_THESAURUS, type Thesaurus } from '../thesaurus/types.js';
import { CHANGES_FILE, VersionChangesSchema, type VersionChanges } from './changes.js';
import { IndexError, readManifest, verifyFiles, type Manifest } from './manifest.js';
import { readCurrentVersion } from './store.js';
import { VectorStore } from './vector-store.js';


/**
 * One loaded, verified index version: the section trees, chunks, BM25 and vectors.
 * Immutable once loaded, so questions in flight can keep using it while a newer
 * version is swapped in.
 */
export class KnowledgeBase {
  private readonly sectionsByDoc = new Map<string, Map<string, Section>>();
  private readonly translationsByDoc = new Map<string, Map<string, Map<string, SectionTranslation>>>();

  constructor(
    readonly manifest: Manifest,
    readonly corpus: StoredCorpus,
    readonly chunks: Chunk[],
    readonly bm25: Bm25Index,
    readonly vectors: VectorStore,
    readonly embedder: Embedder,
    readonly dir: string,
    /** Section changes relative to the version before this one (absent for old or first builds). */
    readonly changes?: VersionChanges,
    /** The policy thesaurus this version was built with (empty for versions built without one). */
    readonly thesaurus: Thesaurus = EMPTY_THESAURUS,
  ) {
    for (const doc of corpus.documents) {
      this.sectionsByDoc.set(doc.meta.id, new Map(doc.parsed.sections.map((s) => [s.id, s])));
      const byLang = new Map<string, Map<string, SectionTranslation>>();
      for (const t of doc.translations) byLang.set(t.language, new Map(t.sections.map((s) => [s.id, s])));
      this.translationsByDoc.set(doc.meta.id, byLang);
    }
  }

  get version(): string {
    return this.manifest.version;
  }

  /** The main document: the first one listed in corpus.json. */
  get primaryDocId(): string {
    return this.corpus.documents[0]!.meta.id;
  }

  documentMeta(docId = this.primaryDocId): DocumentMeta | undefined {
    return this.corpus.documents.find((d) => d.meta.id === docId)?.meta;
  }

  sections(docId = this.primaryDocId): Section[] {
    return this.corpus.documents.find((d) => d.meta.id === docId)?.parsed.sections ?? [];
  }

  section(id: string, docId = this.primaryDocId): Section | undefined {
    return this.sectionsByDoc.get(docId)?.get(id);
  }

  translation(id: string, language: string, docId = this.primaryDocId): SectionTranslation | undefined {
    return this.translationsByDoc.get(docId)?.get(language)?.get(id);
  }

  translationInfo(language: string, docId = this.primaryDocId): DocumentTranslation | undefined {
    return this.corpus.documents.find((d) => d.meta.id === docId)?.translations.find((t) => t.language === language);
  }
}

export interface OpenIndexOptions {
  indexesDir: string;
  embedder: Embedder;
  /** A specific version; default: the one named by CURRENT. */
  version?: string;
}

/** Loads and verifies the current (or a named) index version. Every failure is an IndexError naming the fix. */
export async function openKnowledgeBase(options: OpenIndexOptions): Promise<KnowledgeBase> {
  const version = options.version ?? (await readCurrentVersion(options.indexesDir));
  if (!version) {
    throw new IndexError(`No index has been built yet in ${options.indexesDir}. Build it with \`npm run index\`.`, 'missing');
  }
  const dir = path.join(options.indexesDir, version);
  const manifest = await readManifest(dir);
  const { embedder } = options;
  const built = manifest.embedder;
  if (built.name !== embedder.name || built.model !== embedder.model || built.dimension !== embedder.dimension) {
    throw new IndexError(
      `The index ${version} was built with the ${built.name} embedder (${built.model}, ${built.dimension} dimensions) but ${embedder.name} (${embedder.model}, ${embedder.dimension} dimensions) is configured. ` +
        `Rebuild it with \`npm run index\`, or set EMBEDDER=${built.name}.`,
      'mismatch',
    );
  }
  await verifyFiles(dir, manifest);
  try {
    const corpus = JSON.parse(await readFile(path.join(dir, FILES.corpus), 'utf8')) as StoredCorpus;
    const chunks = JSON.parse(await readFile(path.join(dir, FILES.chunks), 'utf8')) as Chunk[];
    const bm25 = new Bm25Index(JSON.parse(await readFile(path.join(dir, FILES.bm25), 'utf8')) as Bm25Data);
    const vectors = VectorStore.read(path.join(dir, FILES.vectors), built.dimension);
    if (vectors.size !== chunks.length) throw new Error(`vector count ${vectors.size} ≠ chunk count ${chunks.length}`);
    const changes = manifest.files[CHANGES_FILE] ? VersionChangesSchema.parse(JSON.parse(await readFile(path.join(dir, CHANGES_FILE), 'utf8'))) : undefined;
    const thesaurus = manifest.files[THESAURUS_FILE] ? (JSON.parse(await readFile(path.join(dir, THESAURUS_FILE), 'utf8')) as Thesaurus) : EMPTY_THESAURUS;
    return new KnowledgeBase(manifest, corpus, chunks, bm25, vectors, embedder, dir, changes, thesaurus);
  } catch (err) {
    throw new IndexError(`The index ${version} could not be read (${(err as Error).message}). Rebuild it with \`npm run index\`.`, 'corrupt');
  }
}
