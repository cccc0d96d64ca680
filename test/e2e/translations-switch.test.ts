import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKnowledge } from '../../src/app/open.js';
import { createLogger } from '../../src/app/logger.js';
import { loadSettings } from '../../src/app/settings.js';
import { IndexError } from '../../src/engine/index/manifest.js';
import { CORPUS_DIR, indexCorpus, tempDir, type TestIndex } from '../helpers/plan-index.js';

describe('the TRANSLATIONS setting', () => {
  it('is on unless switched off, and names itself when its value is wrong', () => {
    expect(loadSettings({}).TRANSLATIONS).toBe(true);
    expect(loadSettings({ TRANSLATIONS: 'off' }).TRANSLATIONS).toBe(false);
    expect(loadSettings({ TRANSLATIONS: 'on' }).TRANSLATIONS).toBe(true);
    expect(loadSettings({ TRANSLATIONS: 'false' }).TRANSLATIONS).toBe(false);
    expect(() => loadSettings({ TRANSLATIONS: 'sometimes' })).toThrow(/TRANSLATIONS/);
    expect(loadSettings({ DICTIONARY_BRIDGE: 'off' }).DICTIONARY_BRIDGE).toBe(false);
  });
});

describe('an index built with translations switched off', () => {
  let index: TestIndex;
  beforeAll(async () => {
    index = await indexCorpus(CORPUS_DIR, { translations: false });
  });
  afterAll(async () => {
    await index?.cleanup();
  });

  it('holds only the original text', () => {
    expect(index.kb.chunks.every((c) => c.language === 'zh-Hant')).toBe(true);
    expect(index.kb.manifest.documents[0]!.translations).toEqual([]);
    expect(index.kb.translation('4.2.3', 'en')).toBeUndefined();
  });

  it('answers an English asker from the Chinese text, found through the dictionary', async () => {
    const answer = await index.assistant.ask('smart customs governance');
    expect(answer.citations[0]?.sectionId).toBe('4.2.3');
    const quote = answer.parts.find((p) => p.type === 'quote')!;
    expect(quote.type === 'quote' && quote.language).toBe('zh-Hant');
    expect(answer.parts.some((p) => p.type === 'note' && /No English translation of §4\.2\.3/.test(p.text))).toBe(true);
    expect(answer.parts.some((p) => p.type === 'note' && /unofficial/.test(p.text))).toBe(false);
  });
});

describe('switching TRANSLATIONS on an existing index', () => {
  const log = createLogger('silent');
  let tmp: { dir: string; cleanup: () => Promise<void> };
  const settings = (translations: 'on' | 'off') =>
    loadSettings({ CORPUS_DIR, INDEXES_DIR: tmp.dir, EMBEDDER: 'lexical', TRANSLATIONS: translations, LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(async () => {
    await tmp?.cleanup();
  });

  it('rebuilds the index to follow the setting, and only when it changed', async () => {
    const first = await openKnowledge(settings('on'), log, { buildIfMissing: true });
    expect(first.built).toBe(true);
    expect(first.kb.chunks.some((c) => c.language === 'en')).toBe(true);

    const off = await openKnowledge(settings('off'), log, { buildIfMissing: true });
    expect(off.built).toBe(true);
    expect(off.kb.chunks.some((c) => c.language === 'en')).toBe(false);

    const again = await openKnowledge(settings('off'), log, { buildIfMissing: true });
    expect(again.built).toBe(false);
    expect(again.kb.version).toBe(off.kb.version);
  });

  it('says what to do instead of rebuilding when building is not allowed', async () => {
    const error = await openKnowledge(settings('on'), log, { buildIfMissing: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexError);
    expect((error as IndexError).message).toMatch(/TRANSLATIONS=on .*npm run index/);
  });
});
