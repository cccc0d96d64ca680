/**
 * Embeddings from an OpenAI-compatible /v1/embeddings endpoint (OpenAI itself,
 * or a local server such as Ollama, vLLM, llama.cpp via baseURL).
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { normalizeInPlace, type Embedder } from '../embedder.js';

export interface OpenAIEmbedderOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Expected vector length; learned from a probe request when omitted. */
  dimension?: number;
  timeoutMs?: number;
  /** SDK retries for 429/5xx/connection errors (default 2). */
  maxRetries?: number;
}

const BATCH_SIZE = 64;

/** Base URL without credentials or query, safe to show in messages. */
function describeEndpoint(baseURL: string | undefined): string {
  if (!baseURL) return 'the OpenAI API';
  try {
    const u = new URL(baseURL);
    return `${u.origin}${u.pathname}`;
  } catch {
    return 'the configured baseURL';
  }
}

/** Strips the key (and anything key-shaped, as servers echo masked keys) from server text. */
function redact(text: string, apiKey: string): string {
  let out = apiKey ? text.split(apiKey).join('***') : text;
  out = out.replace(/\b(sk|key|api)[-_][A-Za-z0-9_*.-]{6,}/gi, '***');
  return out.slice(0, 500);
}

function explain(err: unknown, opts: OpenAIEmbedderOptions): Error {
  const where = `OpenAI-compatible embeddings request to ${describeEndpoint(opts.baseURL)} (model "${opts.model}")`;
  let detail: string;
  if (err instanceof APIConnectionTimeoutError) detail = `timed out${opts.timeoutMs ? ` after ${opts.timeoutMs} ms` : ''}`;
  else if (err instanceof APIConnectionError) detail = 'could not connect (is the server running and the baseURL right?)';
  else if (err instanceof APIError) {
    const hint = err.status === 401 || err.status === 403 ? ' — check the API key' : err.status === 404 ? ' — check the model name and baseURL' : '';
    detail = `failed with HTTP ${err.status ?? '?'}${hint}: ${err.message}`;
  } else detail = `failed: ${err instanceof Error ? err.message : String(err)}`;
  // No `cause`: the SDK error may carry the server's echo of the key.
  return new Error(redact(`${where} ${detail}`, opts.apiKey));
}

export async function createOpenAIEmbedder(opts: OpenAIEmbedderOptions): Promise<Embedder> {
  const client = new OpenAI({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL,
    timeout: opts.timeoutMs,
    maxRetries: opts.maxRetries ?? 2,
  });

  async function embed(texts: string[]): Promise<Float32Array[]> {
    let res: OpenAI.Embeddings.CreateEmbeddingResponse;
    try {
      res = await client.embeddings.create({
        model: opts.model,
        // The API rejects empty strings; a space embeds as "nothing".
        input: texts.map((t) => (t.trim() === '' ? ' ' : t)),
        // Explicit floats: many compatible servers do not implement the SDK's default base64.
        encoding_format: 'float',
      });
    } catch (err) {
      throw explain(err, opts);
    }
    const rows = [...res.data].sort((a, b) => a.index - b.index);
    if (rows.length !== texts.length) {
      throw new Error(`Embeddings server returned ${rows.length} vectors for ${texts.length} inputs (model "${opts.model}").`);
    }
    return rows.map((r) => normalizeInPlace(Float32Array.from(r.embedding)));
  }

  let dimension = opts.dimension;
  if (dimension === undefined) {
    const [probe] = await embed(['dimension probe']);
    dimension = probe!.length;
  }
  const dim = dimension;
  const checked = (vectors: Float32Array[]): Float32Array[] => {
    for (const v of vectors) {
      if (v.length !== dim) throw new Error(`Model "${opts.model}" returned ${v.length}-dimensional vectors, expected ${dim}.`);
    }
    return vectors;
  };

  return {
    name: 'openai',
    model: opts.model,
    dimension: dim,
    async embedDocuments(texts, onProgress) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH_SIZE) {
        out.push(...checked(await embed(texts.slice(i, i + BATCH_SIZE))));
        onProgress?.(out.length, texts.length);
      }
      if (texts.length === 0) onProgress?.(0, 0);
      return out;
    },
    async embedQuery(text) {
      return checked(await embed([text]))[0]!;
    },
  };
}
