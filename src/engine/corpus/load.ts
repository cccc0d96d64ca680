import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { sha256 } from '../text/sha256.js';
import { CORPUS_META_FILE, parseCorpusMeta, type CorpusMeta, type DocumentMeta } from './metadata.js';
import { parseDocument } from './parse.js';
import { readThesaurusFiles, THESAURUS_DIR, ThesaurusError } from '../thesaurus/load.js';
import { parseThesaurus } from '../thesaurus/parse.js';
import { EMPTY_THESAURUS, type Thesaurus } from '../thesaurus/types.js';
import type { DocumentTranslation, ParsedDocument } from './types.js';

const TranslationFile = z.object({
  document: z.string(),
  language: z.string(),
  official: z.boolean().default(false),
  notice: z.string().default(''),
  sections: z.array(z.object({ id: z.string(), title: z.string(), text: z.string(), sourceHash: z.string().optional() })),
});

interface LoadedDocument {
  meta: DocumentMeta;
  parsed: ParsedDocument;
  translations: DocumentTranslation[];
  /** Checksum of the source file, so an index knows which text it was built from. */
  sha256: string;
}

export interface LoadedCorpus {
  meta: CorpusMeta;
  documents: LoadedDocument[];
  /** One hash over every source and translation file. */
  hash: string;
  /** The raw text of every file read (corpus.json, documents, translations, thesaurus) by path relative to the corpus folder. */
  sources?: Record<string, string>;
  /** The validated thesaurus of corpus/thesaurus/ (empty when there is none). */
  thesaurus?: Thesaurus;
}

export interface LoadCorpusOptions {
  /**
   * File texts to use instead of what is on disk, by path relative to the corpus
   * folder (e.g. an uploaded document not yet saved): lets a change be parsed,
   * compared and indexed before anything in corpus/ is touched.
   */
  overrides?: ReadonlyMap<string, string>;
  /** false: leave every translation out (TRANSLATIONS=off), so they are neither indexed nor quoted. */
  translations?: boolean;
}

/** Reads corpus.json, every document and its translations, and parses the section trees. */
export async function loadCorpus(corpusDir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const withTranslations = options.translations ?? true;
  const sources: Record<string, string> = {};
  const read = async (relative: string, what: string): Promise<string> => {
    const text = options.overrides?.get(relative) ?? (await readText(path.join(corpusDir, relative), what));
    sources[relative] = text;
    return text;
  };
  const metaFile = path.join(corpusDir, CORPUS_META_FILE);
  const meta = parseCorpusMeta(await read(CORPUS_META_FILE, 'the corpus description'), metaFile);
  const documents: LoadedDocument[] = [];
  const hashes: string[] = [];
  for (const docMeta of meta.documents) {
    const file = path.join(corpusDir, docMeta.file);
    const source = await read(docMeta.file, `document "${docMeta.id}"`);
    const parsed = parseDocument(source, { docId: docMeta.id, title: docMeta.title, language: docMeta.language, dropLines: meta.cleaning.dropLines });
    if (parsed.sections.length === 0) throw new Error(`The document ${file} has no text to index.`);
    const translations: DocumentTranslation[] = [];
    for (const t of withTranslations ? docMeta.translations : []) {
      const tFile = path.join(corpusDir, t.file);
      const raw = await read(t.file, `the ${t.language} translation of "${docMeta.id}"`);
      const data = parseTranslation(raw, tFile);
      translations.push({ docId: docMeta.id, language: t.language, official: t.official, notice: data.notice || t.note || '', sections: data.sections });
      hashes.push(sha256(raw));
    }
    const hash = sha256(source);
    hashes.push(hash);
    documents.push({ meta: docMeta, parsed, translations, sha256: hash });
  }
  hashes.push(sha256(JSON.stringify(meta)));
  const thesaurus = await loadCorpusThesaurus(corpusDir, sources, options.overrides);
  // A corpus without a thesaurus keeps the hash it always had.
  if (thesaurus.hash) hashes.push(thesaurus.hash);
  return { meta, documents, hash: sha256(hashes.join('\n')), sources, thesaurus };
}

/** corpus/thesaurus/*.yaml, validated; errors stop the load with a message listing them. */
async function loadCorpusThesaurus(corpusDir: string, sources: Record<string, string>, overrides?: ReadonlyMap<string, string>): Promise<Thesaurus> {
  const prefix = `${THESAURUS_DIR}/`;
  const own = overrides ? new Map([...overrides].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v])) : undefined;
  const dir = path.join(corpusDir, THESAURUS_DIR);
  const files = await readThesaurusFiles(dir, own);
  if (files.length === 0) return EMPTY_THESAURUS;
  for (const f of files) sources[`${prefix}${f.name}`] = f.text;
  const parsed = parseThesaurus(files);
  if (parsed.issues.length > 0) throw new ThesaurusError(dir, parsed);
  return parsed.thesaurus;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read ${what} at ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Check corpus/corpus.json.`);
  }
}

function parseTranslation(raw: string, file: string): z.infer<typeof TranslationFile> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new Error(`The translation ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = TranslationFile.safeParse(json);
  if (!parsed.success) {
    throw new Error(`The translation ${file} is not in the expected shape: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
