import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openKnowledge } from '../../src/app/open.js';
import { loadSettings } from '../../src/app/settings.js';
import { Assistant } from '../../src/engine/answer/assistant.js';
import { chooseEmbedder } from '../../src/engine/index/embedders/choose.js';
import { IndexHolder } from '../../src/engine/index/holder.js';
import { REPO_CORPUS } from '../helpers/core-index.js';
import { neural, neuralEnv as env } from '../helpers/neural.js';
import { TINY_HIDDEN_SIZE, writeTinyBertModel } from '../helpers/tiny-bert-model.js';

let root: string;
let cacheDir: string;
const MODEL = 'planbot-test/tiny-bert';

/** A logger whose lines the test can read. */
function capturingLogger(): { log: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { log: pino({ level: 'info' }, sink), lines };
}

beforeAll(async () => {
  if (neural) env.allowRemoteModels = false;
  root = await mkdtemp(path.join(os.tmpdir(), 'planbot-choice-'));
  cacheDir = path.join(root, 'models');
  await writeTinyBertModel(path.join(cacheDir, MODEL));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

const settingsFor = (extra: Record<string, string>) =>
  loadSettings({ CORPUS_DIR: REPO_CORPUS, INDEXES_DIR: path.join(root, 'indexes'), TRANSFORMERS_CACHE_DIR: cacheDir, TRANSFORMERS_ALLOW_REMOTE: 'false', TRANSFORMERS_DTYPE: 'fp32', ...extra });

describe('EMBEDDER=auto', () => {
  it('uses the built-in lexical embedder when no model files are present, and says why in one line', async () => {
    const { log, lines } = capturingLogger();
    const embedder = await chooseEmbedder(settingsFor({ EMBEDDER: 'auto', TRANSFORMERS_MODEL: 'nobody/absent-model' }), log);
    expect(embedder.name).toBe('lexical');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/EMBEDDER=auto chose lexical: .*absent-model/);
  });

  it.skipIf(!neural)('uses the transformers embedder when the model is in the local cache', async () => {
    const { log, lines } = capturingLogger();
    const embedder = await chooseEmbedder(settingsFor({ EMBEDDER: 'auto', TRANSFORMERS_MODEL: MODEL }), log);
    expect(embedder.name).toBe('transformers');
    expect(embedder.dimension).toBe(TINY_HIDDEN_SIZE);
    expect(lines[0]).toMatch(/chose transformers: model files for planbot-test\/tiny-bert are present locally/);
  });

  it('keeps the embedder the current index was built with', async () => {
    const { log } = capturingLogger();
    const embedder = await chooseEmbedder(settingsFor({ EMBEDDER: 'auto', TRANSFORMERS_MODEL: MODEL }), log, { name: 'lexical', model: 'hashed-ngrams-v1', dimension: 2048 });
    expect(embedder.name).toBe('lexical');
  });

  it('explains what EMBEDDER=openai needs when it is not configured', async () => {
    await expect(chooseEmbedder(settingsFor({ EMBEDDER: 'openai' }), capturingLogger().log)).rejects.toThrow(/OPENAI_API_KEY and OPENAI_EMBEDDING_MODEL/);
  });
});

describe.skipIf(!neural)('the neural path end to end (tiny generated model, offline)', () => {
  it('builds an index with the transformers embedder and answers with verified citations', async () => {
    const settings = settingsFor({ EMBEDDER: 'transformers', TRANSFORMERS_MODEL: MODEL, INDEXES_DIR: path.join(root, 'neural-indexes') });
    const { kb, built } = await openKnowledge(settings, capturingLogger().log, { buildIfMissing: true });
    expect(built).toBe(true);
    expect(kb.manifest.embedder).toMatchObject({ name: 'transformers', dimension: TINY_HIDDEN_SIZE });
    const assistant = new Assistant(new IndexHolder(kb));
    const answer = await assistant.ask('水資源合作有哪些計畫?');
    expect(answer.citations[0]!.sectionId).toBe('4.2.12');
    for (const c of answer.citations) expect(kb.section(c.sectionId)!.text).toContain(c.quote);
  });
});
