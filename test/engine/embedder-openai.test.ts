import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIEmbedder } from '../../src/engine/index/embedders/openai.js';

const API_KEY = 'sk-test-SECRET-0123456789abcdef';
const DIM = 8;

interface Recorded { path: string; auth: string | undefined; body: { model?: string; input?: string[]; encoding_format?: string } }

/** Deterministic, deliberately un-normalised vector derived from the text. */
function fakeVector(text: string): number[] {
  const v = new Array<number>(DIM).fill(0);
  for (let i = 0; i < text.length; i++) v[(text.charCodeAt(i) + i) % DIM]! += 1 + (text.charCodeAt(i) % 7);
  v[0]! += 3; // never all-zero
  return v;
}

describe('OpenAI-compatible embedder (fake local server)', () => {
  let server: http.Server;
  let baseURL: string;
  const requests: Recorded[] = [];
  // What the next requests should get instead of embeddings.
  let failWith: { status: number; body: unknown } | undefined;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const body = JSON.parse(raw || '{}') as Recorded['body'];
        requests.push({ path: req.url ?? '', auth: req.headers.authorization, body });
        const send = (status: number, payload: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
        if (req.method !== 'POST' || req.url !== '/v1/embeddings') return send(404, { error: { message: 'not found' } });
        if (req.headers.authorization !== `Bearer ${API_KEY}`) {
          // Like real servers, echo the (wrong) key back in the error.
          return send(401, { error: { message: `Incorrect API key provided: ${req.headers.authorization}`, type: 'invalid_request_error', code: 'invalid_api_key' } });
        }
        if (failWith) return send(failWith.status, failWith.body);
        const inputs = body.input ?? [];
        // Reverse the order on the wire: clients must sort by `index`.
        const data = inputs.map((text, index) => ({ object: 'embedding', index, embedding: fakeVector(text) })).reverse();
        send(200, { object: 'list', model: body.model, data, usage: { prompt_tokens: 1, total_tokens: 1 } });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  });

  beforeEach(() => {
    requests.length = 0;
    failWith = undefined;
  });

  it('learns the dimension from a probe and sends the key as a bearer token', async () => {
    const emb = await createOpenAIEmbedder({ apiKey: API_KEY, baseURL, model: 'fake-embed' });
    expect(emb.name).toBe('openai');
    expect(emb.model).toBe('fake-embed');
    expect(emb.dimension).toBe(DIM);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.auth).toBe(`Bearer ${API_KEY}`);
    expect(requests[0]!.body).toMatchObject({ model: 'fake-embed', encoding_format: 'float' });
  });

  it('skips the probe when the dimension is given', async () => {
    const emb = await createOpenAIEmbedder({ apiKey: API_KEY, baseURL, model: 'fake-embed', dimension: DIM });
    expect(emb.dimension).toBe(DIM);
    expect(requests).toHaveLength(0);
  });

  it('batches 64 inputs per request, keeps input order and reports progress', async () => {
    const emb = await createOpenAIEmbedder({ apiKey: API_KEY, baseURL, model: 'fake-embed', dimension: DIM });
    const texts = Array.from({ length: 150 }, (_, i) => `chunk number ${i}`);
    const progress: [number, number][] = [];
    const vectors = await emb.embedDocuments(texts, (done, total) => progress.push([done, total]));
    expect(requests.map((r) => r.body.input?.length)).toEqual([64, 64, 22]);
    expect(requests.flatMap((r) => r.body.input)).toEqual(texts);
    expect(progress).toEqual([[64, 150], [128, 150], [150, 150]]);
    expect(vectors).toHaveLength(150);
    // Row i must be the vector of text i even though the server reversed them.
    const expected = fakeVector(texts[77]!);
    const norm = Math.hypot(...expected);
    expected.forEach((x, j) => expect(vectors[77]![j]).toBeCloseTo(x / norm, 5));
  });

  it('returns unit-length Float32Array vectors for queries and documents', async () => {
    const emb = await createOpenAIEmbedder({ apiKey: API_KEY, baseURL, model: 'fake-embed' });
    const q = await emb.embedQuery('澜沧江—湄公河合作');
    const docs = await emb.embedDocuments(['water', '', 'trade']);
    for (const v of [q, ...docs]) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(DIM);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
    // Empty strings are sent as a space (the API rejects empty input).
    expect(requests.at(-1)!.body.input).toEqual(['water', ' ', 'trade']);
  });

  it('turns a 401 into a clear error that does not leak the key', async () => {
    const wrongKey = 'sk-wrong-TOPSECRET-9876543210';
    const err = await createOpenAIEmbedder({ apiKey: wrongKey, baseURL, model: 'fake-embed' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const e = err as Error;
    expect(e.message).toMatch(/HTTP 401/);
    expect(e.message).toMatch(/API key/);
    expect(e.message).toContain('fake-embed');
    expect(`${e.message} ${e.stack ?? ''} ${String(e.cause ?? '')}`).not.toContain(wrongKey);
    expect(e.message).not.toContain('TOPSECRET');
    expect(requests).toHaveLength(1); // 401 is not retried
  });

  it('turns a 500 into a clear error that does not leak the key', async () => {
    failWith = { status: 500, body: { error: { message: `backend exploded while using ${API_KEY}` } } };
    const emb = await createOpenAIEmbedder({ apiKey: API_KEY, baseURL, model: 'fake-embed', dimension: DIM, maxRetries: 1 });
    const err = await emb.embedDocuments(['water']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const e = err as Error;
    expect(e.message).toMatch(/HTTP 500/);
    expect(e.message).toContain('backend exploded');
    expect(`${e.message} ${e.stack ?? ''} ${String(e.cause ?? '')}`).not.toContain(API_KEY);
    expect(requests).toHaveLength(2); // one retry, then give up
  });

  it('reports an unreachable server without a raw stack as the message', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await createOpenAIEmbedder({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', maxRetries: 0 })
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/could not connect/);
    expect((err as Error).message).not.toContain(API_KEY);
  });
});
