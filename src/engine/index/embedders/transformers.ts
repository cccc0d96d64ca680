/**
 * Local sentence embeddings with transformers.js (ONNX Runtime on the CPU).
 *
 * A model is either a hub id ("Xenova/multilingual-e5-small"), looked up in the
 * transformers.js cache / env.localModelPath and downloaded only if allowed, or
 * a local folder holding config.json, tokenizer.json, tokenizer_config.json and
 * onnx/model[_suffix].onnx. Local folders are passed to transformers.js as
 * absolute paths: those are not valid hub ids, so the library reads them from
 * disk as-is and never builds a download URL for them.
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * transformers.js is an optional peer dependency (`npm run install-neural`): with ONNX Runtime it
 * weighs ~450 MB, so the default install leaves it out. The part of its API PlanBot uses is typed
 * here, so type-checking works with or without it installed.
 */
export interface TransformersEnv {
  cacheDir: string | null;
  allowRemoteModels: boolean;
  allowLocalModels: boolean;
  localModelPath: string;
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
}
type FeaturePipeline = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ dims: number[]; data: ArrayLike<number> }>;
export interface TransformersLib {
  env: TransformersEnv;
  pipeline(
    task: 'feature-extraction',
    model: string,
    options: { dtype?: string; device: 'cpu'; cache_dir?: string; local_files_only: boolean },
  ): Promise<FeaturePipeline>;
}

const PACKAGE = '@huggingface/transformers';
const NOT_INSTALLED =
  'The neural embedder is not installed: run `npm run install-neural` (adds @huggingface/transformers with ONNX Runtime, ~450 MB), or use EMBEDDER=lexical.';

/** Whether the optional neural embedder package is in node_modules (nothing is loaded). */
export function transformersInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve(PACKAGE);
    return true;
  } catch {
    return false;
  }
}

let lib: TransformersLib | undefined;
/** transformers.js (with ONNX Runtime) costs ~40 MB: load it only when a neural model is really used. */
export async function loadTransformers(): Promise<TransformersLib> {
  if (lib) return lib;
  if (!transformersInstalled()) throw new Error(NOT_INSTALLED);
  // A variable specifier: the package may be absent, and its types are the ones above.
  const specifier: string = PACKAGE;
  lib = (await import(specifier)) as TransformersLib;
  return lib;
}
import { normalizeInPlace, type Embedder } from '../embedder.js';

export interface TransformersEmbedderOptions {
  /** Hub id like 'Xenova/multilingual-e5-small' or a local folder path. */
  model: string;
  /** transformers.js file cache (where downloaded hub models live). */
  cacheDir?: string;
  /** Whether a missing hub model may be downloaded. */
  allowRemote: boolean;
  queryPrefix?: string;
  passagePrefix?: string;
  batchSize?: number;
  /** ONNX weight variant: 'fp32' (onnx/model.onnx), 'q8' (onnx/model_quantized.onnx), 'fp16', ... */
  dtype?: string;
}

// dtype -> ONNX file suffix, as transformers.js v4 names them (DEFAULT_DTYPE_SUFFIX_MAPPING).
const DTYPE_SUFFIX: Readonly<Record<string, string>> = {
  fp32: '', fp16: '_fp16', int8: '_int8', uint8: '_uint8', q8: '_quantized', q4: '_q4',
  q4f16: '_q4f16', q2: '_q2', q2f16: '_q2f16', q1: '_q1', q1f16: '_q1f16', bnb4: '_bnb4',
};
// Without tokenizer_config.json transformers.js silently skips the tokenizer and fails later.
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

const HINT = 'Set TRANSFORMERS_MODEL=<local folder> to a folder with the model files, or use EMBEDDER=lexical.';

function isLocalPath(model: string): boolean {
  if (path.isAbsolute(model) || /^\.\.?[\\/]/.test(model)) return true;
  try {
    return statSync(model).isDirectory();
  } catch {
    return false;
  }
}

/** Folders where transformers.js would read this model's files from, in lookup order. */
function candidateDirs(opts: TransformersEmbedderOptions): string[] {
  if (isLocalPath(opts.model)) return [path.resolve(opts.model)];
  const dirs: string[] = [];
  // Before the library is loaded only the configured cache can hold the model; after, its defaults count too.
  const env = lib?.env;
  const cache = opts.cacheDir ?? env?.cacheDir;
  if (cache) dirs.push(path.join(cache, opts.model));
  if (env?.allowLocalModels && env.localModelPath) dirs.push(path.join(env.localModelPath, opts.model));
  return dirs;
}

interface Located { dir: string; dtype: string }

/** Finds a folder with every required file and an ONNX file for the (given or first present) dtype. */
function locate(opts: TransformersEmbedderOptions): { found?: Located; reason: string } {
  if (opts.dtype !== undefined && !(opts.dtype in DTYPE_SUFFIX)) {
    return { reason: `unknown dtype "${opts.dtype}" (expected one of ${Object.keys(DTYPE_SUFFIX).join(', ')})` };
  }
  const dtypes = opts.dtype !== undefined ? [opts.dtype] : Object.keys(DTYPE_SUFFIX);
  const problems: string[] = [];
  for (const dir of candidateDirs(opts)) {
    const missing = REQUIRED_FILES.filter((f) => !existsSync(path.join(dir, f)));
    const dtype = dtypes.find((d) => existsSync(path.join(dir, 'onnx', `model${DTYPE_SUFFIX[d]}.onnx`)));
    if (dtype === undefined) missing.push(opts.dtype ? `onnx/model${DTYPE_SUFFIX[opts.dtype]}.onnx` : 'onnx/model*.onnx');
    if (missing.length === 0 && dtype !== undefined) return { found: { dir, dtype }, reason: `found in ${dir} (dtype ${dtype})` };
    problems.push(`${dir} lacks ${missing.join(', ')}`);
  }
  return { reason: problems.length ? problems.join('; ') : 'no local model folder to look in' };
}

/** Cheap, offline check (files only, nothing loaded) used by EMBEDDER=auto. */
export async function transformersModelAvailable(opts: TransformersEmbedderOptions): Promise<{ ok: boolean; reason: string }> {
  const { found, reason } = locate(opts);
  return { ok: found !== undefined, reason };
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!.slice(0, 300);
}

function looksLikeNetworkError(err: unknown): boolean {
  const text = `${firstLine(err)} ${err instanceof Error && err.cause instanceof Error ? err.cause.message : ''}`;
  return /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network|status code|error occurred while trying to load file/i.test(text);
}

type Extractor = FeaturePipeline;

export async function createTransformersEmbedder(opts: TransformersEmbedderOptions): Promise<Embedder> {
  const local = isLocalPath(opts.model);
  const { env, pipeline } = await loadTransformers();
  // Some internal look-ups (config, tokenizer presence) ignore the cache_dir option: set it globally too.
  if (opts.cacheDir) env.cacheDir = opts.cacheDir;
  // local_files_only alone still lets transformers.js v4 probe the hub; this global switch does not.
  env.allowRemoteModels = opts.allowRemote;

  const { found, reason } = locate(opts);
  if (!found && (local || !opts.allowRemote)) {
    throw new Error(
      `Embedding model "${opts.model}" could not be found locally (${reason}) and ` +
        `${local ? 'downloading is not available for a local folder path' : 'downloading is disabled (allowRemote=false)'}. ${HINT}`,
    );
  }

  let extractor: Extractor;
  const dtype = found?.dtype ?? opts.dtype;
  try {
    const pipe = await pipeline('feature-extraction', found && local ? found.dir : opts.model, {
      ...(dtype !== undefined ? { dtype } : {}),
      device: 'cpu',
      ...(opts.cacheDir ? { cache_dir: opts.cacheDir } : {}),
      local_files_only: local || !opts.allowRemote,
    });
    extractor = (texts, options) => pipe(texts, options);
  } catch (err) {
    const why = !found && looksLikeNetworkError(err)
      ? 'could not be found locally and downloading it failed (is the network unavailable?)'
      : 'could not be loaded';
    throw new Error(`Embedding model "${opts.model}" ${why}: ${firstLine(err)}. ${HINT}`, { cause: err });
  }

  const isE5 = /(^|[^a-z0-9])e5([^a-z0-9]|$)/i.test(path.basename(opts.model));
  const queryPrefix = opts.queryPrefix ?? (isE5 ? 'query: ' : '');
  const passagePrefix = opts.passagePrefix ?? (isE5 ? 'passage: ' : '');
  const batchSize = Math.max(1, opts.batchSize ?? 16);

  async function embed(texts: string[]): Promise<Float32Array[]> {
    let out: { dims: number[]; data: ArrayLike<number> };
    try {
      out = await extractor(texts, { pooling: 'mean', normalize: true });
    } catch (err) {
      // Keep onnxruntime's stack as the cause, but lead with what we were doing.
      throw new Error(`Embedding with model "${opts.model}" failed: ${firstLine(err)}`, { cause: err });
    }
    const dim = out.dims[out.dims.length - 1] ?? 0;
    if (out.dims.length !== 2 || out.dims[0] !== texts.length || dim === 0) {
      throw new Error(`Model "${opts.model}" returned embeddings of shape [${out.dims.join(', ')}] for ${texts.length} text(s); expected [${texts.length}, hidden].`);
    }
    // Float32Array.from widens fp16 output; slice() copies each row out of the batch tensor.
    const data = out.data instanceof Float32Array ? out.data : Float32Array.from(out.data);
    const vectors: Float32Array[] = [];
    for (let i = 0; i < texts.length; i++) vectors.push(normalizeInPlace(data.slice(i * dim, (i + 1) * dim)));
    return vectors;
  }

  const [probe] = await embed(['dimension probe']);
  const dimension = probe!.length;

  return {
    name: 'transformers',
    model: opts.model,
    dimension,
    async embedDocuments(texts, onProgress) {
      const result: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const batch = texts.slice(i, i + batchSize).map((t) => passagePrefix + t);
        result.push(...(await embed(batch)));
        onProgress?.(result.length, texts.length);
      }
      if (texts.length === 0) onProgress?.(0, 0);
      return result;
    },
    async embedQuery(text) {
      const [v] = await embed([queryPrefix + text]);
      return v!;
    },
  };
}
