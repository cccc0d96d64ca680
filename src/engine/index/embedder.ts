/**
 * An Embedder turns text into unit-length vectors. The index stores which
 * embedder built it (name, model, dimension) so a mismatch is caught at load.
 */
export interface EmbedderInfo {
  /** Implementation family: 'lexical' | 'transformers' | 'openai'. */
  readonly name: EmbedderName;
  /** Model id, local folder, or algorithm version for the lexical embedder. */
  readonly model: string;
  /** Length of every vector this embedder returns. */
  readonly dimension: number;
}

export type EmbedderName = 'lexical' | 'transformers' | 'openai';

export interface Embedder extends EmbedderInfo {
  /** Embeds passages (document chunks). Vectors are L2-normalised. */
  embedDocuments(texts: readonly string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]>;
  /** Embeds one search query. The vector is L2-normalised. */
  embedQuery(text: string): Promise<Float32Array>;
}

/** Scales a vector to unit length in place (a zero vector stays zero). */
export function normalizeInPlace(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}
