import hnswlib from 'hnswlib-node';

export interface VectorHit {
  index: number;
  /** Cosine similarity (vectors are unit length). */
  similarity: number;
}

/** Approximate nearest neighbours (HNSW, inner product over unit vectors) keyed by chunk index. */
export class VectorStore {
  private constructor(
    private readonly hnsw: hnswlib.HierarchicalNSW,
    readonly dimension: number,
  ) {}

  static build(vectors: readonly Float32Array[], dimension: number): VectorStore {
    const hnsw = new hnswlib.HierarchicalNSW('ip', dimension);
    hnsw.initIndex({ maxElements: Math.max(1, vectors.length), m: 16, efConstruction: 200, randomSeed: 42 });
    vectors.forEach((v, i) => {
      if (v.length !== dimension) throw new Error(`Vector ${i} has ${v.length} dimensions, expected ${dimension}`);
      hnsw.addPoint(Array.from(v), i);
    });
    return new VectorStore(hnsw, dimension);
  }

  static read(file: string, dimension: number): VectorStore {
    const hnsw = new hnswlib.HierarchicalNSW('ip', dimension);
    hnsw.readIndexSync(file);
    return new VectorStore(hnsw, dimension);
  }

  write(file: string): void {
    this.hnsw.writeIndexSync(file);
  }

  get size(): number {
    return this.hnsw.getCurrentCount();
  }

  private scratch: number[] | undefined;

  search(query: Float32Array, limit: number): VectorHit[] {
    const k = Math.min(limit, this.size);
    if (k === 0) return [];
    // A wide beam: the plan is small, so near-exact search costs little.
    this.hnsw.setEf(Math.max(64, k * 2));
    // hnswlib takes a plain array: one is reused (the search is synchronous) instead of allocating per query.
    const scratch = (this.scratch ??= new Array<number>(this.dimension).fill(0));
    for (let i = 0; i < this.dimension; i++) scratch[i] = query[i] ?? 0;
    const { neighbors, distances } = this.hnsw.searchKnn(scratch, k);
    return neighbors.map((index, i) => ({ index, similarity: 1 - distances[i]! }));
  }
}
