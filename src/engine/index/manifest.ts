import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { sha256 } from '../text/sha256.js';

export const INDEX_FORMAT = 1;

const ManifestSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.string(),
  createdAt: z.string(),
  corpusHash: z.string(),
  documents: z.array(
    z.object({ id: z.string(), title: z.string(), language: z.string(), file: z.string(), sha256: z.string(), sections: z.number(), translations: z.array(z.string()) }),
  ),
  sections: z.number(),
  chunks: z.number(),
  embedder: z.object({ name: z.enum(['lexical', 'transformers', 'openai']), model: z.string(), dimension: z.number() }),
  /** The thesaurus built into this version: its hash (a thesaurus edit shows as a change) and size. */
  thesaurus: z.object({ hash: z.string(), concepts: z.number(), labels: z.number() }).optional(),
  files: z.record(z.string(), z.string()),
  buildMs: z.number(),
  /** The search text rules the terms were made with (engine/text/search-rules.ts); absent: rules 1. */
  textRules: z.number().optional(),
  /** The version that was current when this one was built: what a rollback returns to. */
  previous: z.string().optional(),
  /** Section changes relative to `previous` (details in changes.json). */
  changes: z.object({ added: z.number(), removed: z.number(), changed: z.number() }).optional(),
});

export type Manifest = z.infer<typeof ManifestSchema>;

export const MANIFEST_FILE = 'manifest.json';


export async function fileSha256(file: string): Promise<string> {
  return sha256(await readFile(file));
}

/** Problems that stop an index from loading; the message always names the fix. */
export class IndexError extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'corrupt' | 'mismatch',
  ) {
    super(message);
    this.name = 'IndexError';
  }
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST_FILE);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    throw new IndexError(`The index at ${dir} has no ${MANIFEST_FILE}. Rebuild it with \`npm run index\`.`, 'corrupt');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new IndexError(`The index manifest ${file} is damaged (not JSON). Rebuild it with \`npm run index\`.`, 'corrupt');
  }
  const result = ManifestSchema.safeParse(parsed);
  if (!result.success) {
    throw new IndexError(`The index manifest ${file} is not one this version understands. Rebuild it with \`npm run index\`.`, 'corrupt');
  }
  return result.data;
}

/** Checks every file listed in the manifest against its checksum before any native code reads it. */
export async function verifyFiles(dir: string, manifest: Manifest): Promise<void> {
  for (const [name, expected] of Object.entries(manifest.files)) {
    let actual: string;
    try {
      actual = await fileSha256(path.join(dir, name));
    } catch {
      throw new IndexError(`The index file ${path.join(dir, name)} is missing. Rebuild the index with \`npm run index\`.`, 'corrupt');
    }
    if (actual !== expected) {
      throw new IndexError(`The index file ${path.join(dir, name)} is corrupted (checksum mismatch). Rebuild the index with \`npm run index\`.`, 'corrupt');
    }
  }
}
