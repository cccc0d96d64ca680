import { appendFile, cp, mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKnowledge } from '../../src/app/open.js';
import { createLogger } from '../../src/app/logger.js';
import { loadSettings } from '../../src/app/settings.js';
import { FILES } from '../../src/engine/index/version-files.js';
import { createLexicalEmbedder } from '../../src/engine/index/embedders/lexical.js';
import { openKnowledgeBase } from '../../src/engine/index/knowledge-base.js';
import { IndexError, readManifest } from '../../src/engine/index/manifest.js';
import { readCurrentVersion } from '../../src/engine/index/store.js';
import { SEARCH_TEXT_RULES } from '../../src/engine/text/search-rules.js';
import { buildCoreIndex, type CoreIndex } from '../helpers/core-index.js';

let core: CoreIndex;
beforeAll(async () => {
  core = await buildCoreIndex();
});
afterAll(async () => core.cleanup());

async function openError(indexesDir: string, dimension = 2048): Promise<IndexError> {
  try {
    await openKnowledgeBase({ indexesDir, embedder: createLexicalEmbedder(dimension) });
  } catch (err) {
    expect(err).toBeInstanceOf(IndexError);
    return err as IndexError;
  }
  throw new Error('the index opened, but it should not have');
}

describe('the index on disk', () => {
  it('records what it was built from in a manifest', async () => {
    const version = (await readCurrentVersion(core.indexesDir))!;
    const manifest = await readManifest(path.join(core.indexesDir, version));
    expect(manifest.version).toBe(version);
    expect(manifest.embedder).toEqual({ name: 'lexical', model: 'hashed-ngrams-v1', dimension: 2048 });
    expect(manifest.sections).toBe(41);
    expect(manifest.documents[0]!.translations).toEqual(['en']);
    expect(Object.keys(manifest.files)).toEqual(expect.arrayContaining(Object.values(FILES)));
    expect(manifest.corpusHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an index built with another embedder, naming the fix', async () => {
    const err = await openError(core.indexesDir, 512);
    expect(err.reason).toBe('mismatch');
    expect(err.message).toMatch(/built with the lexical embedder.*2048.*npm run index/s);
  });

  it('refuses a corrupted file before any native code reads it, naming the fix', async () => {
    const copy = await buildCoreIndex();
    try {
      const version = (await readCurrentVersion(copy.indexesDir))!;
      await appendFile(path.join(copy.indexesDir, version, FILES.vectors), Buffer.from([1, 2, 3]));
      const err = await openError(copy.indexesDir);
      expect(err.reason).toBe('corrupt');
      expect(err.message).toContain(FILES.vectors);
      expect(err.message).toContain('npm run index');
    } finally {
      await copy.cleanup();
    }
  });

  it('refuses a damaged manifest and a missing file', async () => {
    const copy = await buildCoreIndex();
    try {
      const version = (await readCurrentVersion(copy.indexesDir))!;
      const dir = path.join(copy.indexesDir, version);
      await writeFile(path.join(dir, FILES.bm25), '');
      expect((await openError(copy.indexesDir)).reason).toBe('corrupt');
      await writeFile(path.join(dir, 'manifest.json'), '{not json');
      expect((await openError(copy.indexesDir)).message).toMatch(/damaged.*npm run index/);
    } finally {
      await copy.cleanup();
    }
  });

  it('says how to build an index when there is none', async () => {
    const err = await openError(path.join(core.dir, 'nothing-here'));
    expect(err.reason).toBe('missing');
    expect(err.message).toContain('npm run index');
  });

  it('builds the index on first start when allowed, and cleans leftovers of an interrupted build', async () => {
    const indexesDir = path.join(core.dir, 'fresh-indexes');
    await mkdir(path.join(indexesDir, '.building-20260101-000000-deadbeef-123'), { recursive: true });
    const settings = loadSettings({ CORPUS_DIR: core.corpusDir, INDEXES_DIR: indexesDir, EMBEDDER: 'lexical' });
    const { kb, built } = await openKnowledge(settings, createLogger('silent'), { buildIfMissing: true });
    expect(built).toBe(true);
    expect(kb.sections().length).toBe(41);
    expect((await readdir(indexesDir)).filter((e) => e.startsWith('.building-'))).toEqual([]);
    expect(await readFile(path.join(indexesDir, 'CURRENT'), 'utf8')).toContain(kb.version);
  });

  it('an index built before the corpus had a thesaurus (an upgrade) is rebuilt with it, or refused with the fix when building is not allowed', async () => {
    const corpusDir = path.join(core.dir, 'upgrade-corpus');
    await cp(core.corpusDir, corpusDir, { recursive: true });
    await rename(path.join(corpusDir, 'thesaurus'), path.join(core.dir, 'thesaurus-later'));
    const indexesDir = path.join(core.dir, 'upgrade-indexes');
    const settings = loadSettings({ CORPUS_DIR: corpusDir, INDEXES_DIR: indexesDir, EMBEDDER: 'lexical' });
    const before = await openKnowledge(settings, createLogger('silent'), { buildIfMissing: true });
    expect(before.kb.manifest.thesaurus).toBeUndefined();

    await rename(path.join(core.dir, 'thesaurus-later'), path.join(corpusDir, 'thesaurus'));
    const refused = await openKnowledge(settings, createLogger('silent'), { buildIfMissing: false }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(IndexError);
    expect((refused as IndexError).message).toMatch(/built without the thesaurus.*npm run index/s);
    const after = await openKnowledge(settings, createLogger('silent'), { buildIfMissing: true });
    expect(after.built).toBe(true);
    expect(after.kb.manifest.thesaurus?.concepts).toBeGreaterThan(400);
  });

  it('an index whose terms were made by older search text rules is rebuilt at start, or refused with the fix', async () => {
    const indexesDir = path.join(core.dir, 'old-rules-indexes');
    const settings = loadSettings({ CORPUS_DIR: core.corpusDir, INDEXES_DIR: indexesDir, EMBEDDER: 'lexical' });
    const first = await openKnowledge(settings, createLogger('silent'), { buildIfMissing: true });
    expect(first.kb.manifest.textRules).toBe(SEARCH_TEXT_RULES);
    // What an index built before the rules were versioned looks like: no textRules in its manifest.
    const manifestFile = path.join(indexesDir, first.kb.version, 'manifest.json');
    const { textRules: _dropped, ...older } = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
    await writeFile(manifestFile, JSON.stringify(older));

    const refused = await openKnowledge(settings, createLogger('silent'), { buildIfMissing: false }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(IndexError);
    expect((refused as IndexError).message).toMatch(/search text rules 1.*npm run index/s);
    const after = await openKnowledge(settings, createLogger('silent'), { buildIfMissing: true });
    expect(after.built).toBe(true);
    expect(after.kb.manifest.textRules).toBe(SEARCH_TEXT_RULES);
  });
});
