import { loadTransformers, transformersInstalled, type TransformersEnv, type TransformersLib } from '../../src/engine/index/embedders/transformers.js';

/**
 * The optional neural embedder (`npm run install-neural`). Its tests skip where it is not installed,
 * except in CI: .ci/run installs it, and there a missing package fails the tests instead of hiding them.
 */
export const neural: TransformersLib | undefined = transformersInstalled() || process.env.CI ? await loadTransformers() : undefined;

/** transformers.js's env for tests that tune it; an empty stand-in while the suite is skipped. */
export const neuralEnv: TransformersEnv = neural?.env ?? ({} as TransformersEnv);
