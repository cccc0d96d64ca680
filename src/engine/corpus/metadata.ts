import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const TranslationMeta = z.object({
  language: z.string().min(2),
  file: z.string().min(1),
  official: z.boolean().default(false),
  note: z.string().optional(),
});

/** Text in the three reply languages (zh-Hant, zh-Hans, en). */
const PerLanguage = z.object({ 'zh-Hant': z.string().min(1), 'zh-Hans': z.string().min(1), en: z.string().min(1) });

/**
 * What the text before the first chapter (section "0") is. `news`: a news article
 * published with the document, about `about` (another document); answers present
 * it as that article, never as the document itself.
 */
const PreambleMeta = z.object({ kind: z.literal('news'), about: PerLanguage });

const DocumentMeta = z.object({
  id: z.string().regex(/^[\w.-]+$/, 'document ids use letters, digits, "-", "_" and "." only'),
  file: z.string().min(1),
  title: z.string().min(1),
  titleEn: z.string().optional(),
  /** Short name for section lookups (`minutes:1.2`) and deep links; letters, digits, "-" and "_". */
  alias: z.string().regex(/^[A-Za-z][\w-]{0,15}$/, 'an alias is 1-16 letters, digits, "-" or "_", starting with a letter').optional(),
  /** The document's version date as published (YYYY-MM-DD), shown by /docs. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD').optional(),
  preamble: PreambleMeta.optional(),
  language: z.string().min(2),
  source: z.string().optional(),
  translations: z.array(TranslationMeta).default([]),
});

const CorpusMeta = z.object({
  cleaning: z.object({ dropLines: z.array(z.string()).default([]) }).default({ dropLines: [] }),
  documents: z.array(DocumentMeta).min(1, 'corpus.json lists no documents'),
});

export type DocumentMeta = z.infer<typeof DocumentMeta>;
export type CorpusMeta = z.infer<typeof CorpusMeta>;

export const CORPUS_META_FILE = 'corpus.json';

/** Reads and validates corpus/corpus.json; errors name the file and the field to fix. */
export async function readCorpusMeta(corpusDir: string): Promise<CorpusMeta> {
  const file = path.join(corpusDir, CORPUS_META_FILE);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the corpus description ${file}: ${(err as Error).message}`);
  }
  return parseCorpusMeta(raw, file);
}

/** Validates the text of a corpus.json (read from disk, or about to be written). */
export function parseCorpusMeta(raw: string, file: string): CorpusMeta {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = CorpusMeta.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new Error(`${file} is not a valid corpus description: ${problems}`);
  }
  // Ids and aliases name documents in section lookups (minutes:1.2): each must name one document.
  const names = new Map<string, string>();
  for (const doc of parsed.data.documents) {
    if ([...names.values()].includes(doc.id)) throw new Error(`${file}: the document id "${doc.id}" is listed twice; document ids must be unique.`);
    for (const name of new Set([doc.id, doc.alias].filter((n): n is string => n !== undefined).map((n) => n.toLowerCase()))) {
      const other = names.get(name);
      if (other !== undefined) throw new Error(`${file}: "${name}" names two documents (${other} and ${doc.id}); document ids and aliases must be unique.`);
      names.set(name, doc.id);
    }
  }
  for (const pattern of parsed.data.cleaning.dropLines) {
    try {
      new RegExp(pattern, 'u');
    } catch (err) {
      throw new Error(`${file}: cleaning rule ${JSON.stringify(pattern)} is not a valid regular expression (${(err as Error).message})`);
    }
  }
  return parsed.data;
}
