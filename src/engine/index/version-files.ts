import type { DocumentMeta } from '../corpus/metadata.js';
import type { DocumentTranslation, ParsedDocument } from '../corpus/types.js';

/**
 * What an index version folder holds, shared by the code that writes it (build.ts),
 * reads it (knowledge-base.ts) and compares versions (changes.ts), so none of them
 * needs to import another for it.
 */
export const FILES = { corpus: 'corpus.json', chunks: 'chunks.json', bm25: 'bm25.json', vectors: 'vectors.hnsw' } as const;
/** The validated thesaurus the version was built with (absent in versions built without one). */
export const THESAURUS_FILE = 'thesaurus.json';

/** What an index folder stores about the corpus it was built from. */
export interface StoredCorpus {
  documents: { meta: DocumentMeta; parsed: ParsedDocument; translations: DocumentTranslation[]; sha256: string }[];
}
