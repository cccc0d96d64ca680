import { searchTerms } from '../text/segment.js';

/** Serialized BM25 index: postings per term, document lengths, per-language average length. */
export interface Bm25Data {
  k1: number;
  b: number;
  /** Per chunk: number of terms and language. */
  docs: { len: number; lang: string }[];
  avgLenByLang: Record<string, number>;
  /** term → flat [chunkIndex, tf, chunkIndex, tf, …]. */
  postings: Record<string, number[]>;
}

export interface Bm25Hit {
  index: number;
  score: number;
}

export function buildBm25(chunks: readonly { text: string; language: string }[], k1 = 1.2, b = 0.75): Bm25Data {
  const postings: Record<string, number[]> = Object.create(null);
  const docs: Bm25Data['docs'] = [];
  const totals: Record<string, { sum: number; n: number }> = {};
  chunks.forEach((chunk, index) => {
    const terms = searchTerms(chunk.text);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [term, count] of tf) (postings[term] ??= []).push(index, count);
    docs.push({ len: terms.length, lang: chunk.language });
    const total = (totals[chunk.language] ??= { sum: 0, n: 0 });
    total.sum += terms.length;
    total.n += 1;
  });
  const avgLenByLang: Record<string, number> = {};
  for (const [lang, { sum, n }] of Object.entries(totals)) avgLenByLang[lang] = n > 0 ? sum / n : 1;
  return { k1, b, docs, avgLenByLang, postings };
}

/** Okapi BM25 over the chunks; lengths are normalised within each language. */
export class Bm25Index {
  constructor(readonly data: Bm25Data) {}

  get size(): number {
    return this.data.docs.length;
  }

  /** Inverse document frequency (BM25+ style, never negative). */
  idf(term: string): number {
    const postings = this.data.postings[term];
    const df = postings ? postings.length / 2 : 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  has(term: string): boolean {
    return this.data.postings[term] !== undefined;
  }

  /** Chunk indexes containing a term. */
  chunksWith(term: string): number[] {
    const postings = this.data.postings[term] ?? [];
    const out: number[] = [];
    for (let i = 0; i < postings.length; i += 2) out.push(postings[i]!);
    return out;
  }

  search(terms: readonly string[], limit: number, weights?: ReadonlyMap<string, number>): Bm25Hit[] {
    const { k1, b, docs, avgLenByLang } = this.data;
    const scores = new Map<number, number>();
    for (const term of new Set(terms)) {
      const postings = this.data.postings[term];
      if (!postings) continue;
      const idf = this.idf(term) * (weights?.get(term) ?? 1);
      for (let i = 0; i < postings.length; i += 2) {
        const index = postings[i]!;
        const tf = postings[i + 1]!;
        const doc = docs[index]!;
        const avg = avgLenByLang[doc.lang] || 1;
        const s = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * doc.len) / avg));
        scores.set(index, (scores.get(index) ?? 0) + s);
      }
    }
    return [...scores.entries()]
      .map(([index, score]) => ({ index, score }))
      .sort((x, y) => y.score - x.score || x.index - y.index)
      .slice(0, limit);
  }
}
