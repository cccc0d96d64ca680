import { hanBigrams, searchTerms } from '../../text/segment.js';
import { normalizeInPlace, type Embedder } from '../embedder.js';

const LEXICAL_MODEL = 'hashed-ngrams-v1';
const DEFAULT_DIMENSION = 2048;

/** 32-bit FNV-1a: fast, stable across runs and platforms (the index stores its output). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Features of a text: segmented words, Han character bigrams and single
 * characters (lighter), so partial word matches (中小企业 / 中小微企业) still count.
 */
function features(text: string): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (key: string, w: number) => weights.set(key, (weights.get(key) ?? 0) + w);
  const terms = searchTerms(text);
  for (const term of terms) add(`w:${term}`, 1);
  // N-grams of the content words only: question words (什么, 有没有) would otherwise add noise.
  const content = terms.filter((t) => /\p{Script=Han}/u.test(t)).join(' ');
  for (const gram of hanBigrams(content)) add(`b:${gram}`, 0.7);
  for (const ch of content.match(/\p{Script=Han}/gu) ?? []) add(`c:${ch}`, 0.15);
  return weights;
}

/** The offline default: a hashed bag of n-grams. Needs no model and no network. */
export function createLexicalEmbedder(dimension = DEFAULT_DIMENSION): Embedder {
  const embed = (text: string): Float32Array => {
    const v = new Float32Array(dimension);
    for (const [key, weight] of features(text)) {
      const h = fnv1a(key);
      const sign = h & 0x80000000 ? -1 : 1;
      // Sublinear term frequency: a repeated word should not drown the others.
      v[h % dimension]! += sign * (weight > 1 ? 1 + Math.log(weight) : weight);
    }
    return normalizeInPlace(v);
  };
  return {
    name: 'lexical',
    model: LEXICAL_MODEL,
    dimension,
    async embedDocuments(texts, onProgress) {
      const out = texts.map((t, i) => {
        const v = embed(t);
        if (onProgress && (i % 50 === 49 || i === texts.length - 1)) onProgress(i + 1, texts.length);
        return v;
      });
      return out;
    },
    async embedQuery(text) {
      return embed(text);
    },
  };
}
