import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/engine/index/embedder.js';
import { createTransformersEmbedder, transformersModelAvailable } from '../../src/engine/index/embedders/transformers.js';
import { neural, neuralEnv as env } from '../helpers/neural.js';
import { TINY_HIDDEN_SIZE, writeTinyBertModel } from '../helpers/tiny-bert-model.js';

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function expectSameVector(a: Float32Array, b: Float32Array): void {
  expect(dot(a, b)).toBeCloseTo(1, 5);
}

describe.skipIf(!neural)('transformers embedder (generated tiny BERT, offline)', () => {
  let root: string;
  let modelDir: string;
  let plain: Embedder;
  const originalFetch = env.fetch;
  const originalCacheDir = env.cacheDir;
  let fetchCalls = 0;
  // Any network use by transformers.js goes through env.fetch: count it.
  const countingFetch: typeof env.fetch = async (input, init) => {
    fetchCalls++;
    return originalFetch(input, init);
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'planbot-tiny-bert-'));
    modelDir = path.join(root, 'tiny-bert');
    await writeTinyBertModel(modelDir);
    env.allowRemoteModels = false;
    env.fetch = countingFetch;
    plain = await createTransformersEmbedder({ model: modelDir, allowRemote: false, dtype: 'fp32' });
  });

  afterAll(async () => {
    env.fetch = originalFetch;
    env.cacheDir = originalCacheDir;
    env.allowRemoteModels = false;
    await rm(root, { recursive: true, force: true });
  });

  it('reports the hidden size as dimension and its identity', async () => {
    expect(plain.name).toBe('transformers');
    expect(plain.model).toBe(modelDir);
    expect(plain.dimension).toBe(TINY_HIDDEN_SIZE);
    const q = await plain.embedQuery('mekong river');
    expect(q).toBeInstanceOf(Float32Array);
    expect(q.length).toBe(TINY_HIDDEN_SIZE);
  });

  it('returns unit-length vectors', async () => {
    const docs = await plain.embedDocuments(['The Lancang-Mekong cooperation plan', '澜沧江—湄公河合作', 'solar power grid']);
    for (const v of [...docs, await plain.embedQuery('rice farmers')]) expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
  });

  it('scores a passage sharing the query words above an unrelated one', async () => {
    const q = await plain.embedQuery('mekong river water resources');
    const [related, unrelated] = await plain.embedDocuments([
      'Water resources cooperation on the Mekong river',
      'hospital doctors and school students',
    ]);
    expect(dot(q, related!)).toBeGreaterThan(dot(q, unrelated!) + 0.3);

    const zq = await plain.embedQuery('水资源合作');
    const [zRelated, zUnrelated] = await plain.embedDocuments(['澜沧江水资源合作', '数字经济文化']);
    expect(dot(zq, zRelated!)).toBeGreaterThan(dot(zq, zUnrelated!));
  });

  it('is deterministic and batch-independent', async () => {
    const texts = ['trade and customs', 'flood and drought', 'digital economy'];
    const together = await plain.embedDocuments(texts);
    const alone = await plain.embedDocuments([texts[1]!]);
    expectSameVector(together[1]!, alone[0]!);
    expectSameVector(await plain.embedQuery('digital economy'), together[2]!);
  });

  it('applies query/passage prefixes only when configured', async () => {
    const prefixed = await createTransformersEmbedder({
      model: modelDir, allowRemote: false, dtype: 'fp32', queryPrefix: 'query: ', passagePrefix: 'passage: ',
    });
    const bare = await plain.embedQuery('river');
    expectSameVector(await prefixed.embedQuery('river'), await plain.embedQuery('query: river'));
    expect(dot(await prefixed.embedQuery('river'), bare)).toBeLessThan(0.99);
    const [p] = await prefixed.embedDocuments(['river']);
    const [pp] = await plain.embedDocuments(['passage: river']);
    expectSameVector(p!, pp!);
    // The plain embedder (folder name without "e5") adds nothing.
    const [d] = await plain.embedDocuments(['river']);
    expectSameVector(d!, bare);
  });

  it('defaults to e5 prefixes when the model name says e5', async () => {
    const e5Dir = path.join(root, 'tiny-e5-small');
    await symlink(modelDir, e5Dir);
    const e5 = await createTransformersEmbedder({ model: e5Dir, allowRemote: false, dtype: 'fp32' });
    expectSameVector(await e5.embedQuery('river'), await plain.embedQuery('query: river'));
    const [p] = await e5.embedDocuments(['river']);
    expectSameVector(p!, await plain.embedQuery('passage: river'));
  });

  it('embeds in batches and reports progress up to the total', async () => {
    const small = await createTransformersEmbedder({ model: modelDir, allowRemote: false, dtype: 'fp32', batchSize: 4 });
    const texts = Array.from({ length: 10 }, (_, i) => `plan ${i} river`);
    const seen: [number, number][] = [];
    const vectors = await small.embedDocuments(texts, (done, total) => seen.push([done, total]));
    expect(vectors).toHaveLength(10);
    expect(seen).toEqual([[4, 10], [8, 10], [10, 10]]);
  });

  it('gives an actionable error for a missing model folder, without using the network', async () => {
    const missing = path.join(root, 'no-such-model');
    const before = fetchCalls;
    const err = await createTransformersEmbedder({ model: missing, allowRemote: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toContain(missing);
    expect(msg).toMatch(/could not be found locally/);
    expect(msg).toMatch(/download/i);
    expect(msg).toContain('EMBEDDER=lexical');
    expect(msg).toContain('TRANSFORMERS_MODEL=');

    const hubErr = await createTransformersEmbedder({ model: 'nobody/not-a-real-e5-model', allowRemote: false, cacheDir: root })
      .catch((e: unknown) => e);
    expect((hubErr as Error).message).toMatch(/"nobody\/not-a-real-e5-model" could not be found locally.*downloading is disabled/);
    expect(fetchCalls).toBe(before);
  });

  it('loads a hub id from the cache folder offline (cacheDir/<owner>/<name>/)', async () => {
    const cacheDir = path.join(root, 'cache');
    await writeTinyBertModel(path.join(cacheDir, 'someone', 'tiny-bert'));
    const opts = { model: 'someone/tiny-bert', cacheDir, allowRemote: false, dtype: 'fp32' };
    expect((await transformersModelAvailable(opts)).ok).toBe(true);
    const before = fetchCalls;
    const hub = await createTransformersEmbedder(opts);
    expect(hub.model).toBe('someone/tiny-bert');
    expectSameVector(await hub.embedQuery('mekong river'), await plain.embedQuery('mekong river'));
    expect(fetchCalls).toBe(before);
  });

  it('explains a failed download when remote models are allowed but the network is not', async () => {
    env.fetch = async () => {
      fetchCalls++;
      throw new TypeError('fetch failed');
    };
    try {
      const err = await createTransformersEmbedder({ model: 'nobody/unreachable-model', allowRemote: true, cacheDir: path.join(root, 'empty-cache') })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      const msg = (err as Error).message;
      expect(msg).toMatch(/"nobody\/unreachable-model" could not be found locally and downloading it failed/);
      expect(msg).toContain('EMBEDDER=lexical');
    } finally {
      env.fetch = countingFetch;
      env.allowRemoteModels = false;
    }
  });

  it('transformersModelAvailable checks files without loading', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'planbot-empty-model-'));
    try {
      const no = await transformersModelAvailable({ model: empty, allowRemote: false });
      expect(no.ok).toBe(false);
      expect(no.reason).toMatch(/config\.json/);
      const yes = await transformersModelAvailable({ model: modelDir, allowRemote: false });
      expect(yes).toEqual({ ok: true, reason: expect.stringContaining('fp32') });
      const wrongDtype = await transformersModelAvailable({ model: modelDir, allowRemote: false, dtype: 'q8' });
      expect(wrongDtype.ok).toBe(false);
      expect(wrongDtype.reason).toContain('model_quantized.onnx');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
