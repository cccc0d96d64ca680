import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const TranslationMeta = z.object({
  language: z.string().min(2),
  file: z.string().min(1),
  official: z.boolean().default(false),
  note: z.string().optional(),
});

const DocumentMeta = z.object({
  id: z.string().regex(/^[\w.-]+$/, 'document ids use letters, digits, "-", "_" and "." only'),
  file: z.string().min(1),
  title: z.string().min(1),
  titleEn: z.string().optional(),
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
  for (const pattern of parsed.data.cleaning.dropLines) {
    try {
      new RegExp(pattern, 'u');
    } catch (err) {
      throw new Error(`${file}: cleaning rule ${JSON.stringify(pattern)} is not a valid regular expression (${(err as Error).message})`);
    }
  }
  return parsed.data;
}
