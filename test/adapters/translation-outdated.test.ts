import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outdatedTranslations } from '../../src/engine/answer/translation.js';
import type { Answer } from '../../src/engine/answer/types.js';
import { sectionView } from '../../src/adapters/shared/views.js';
import { renderSectionText } from '../../src/adapters/cli/section.js';
import { loadCorpus } from '../../src/engine/corpus/load.js';
import { stampTranslationFile, translationStatus } from '../../src/engine/corpus/stamp.js';
import { copyCorpus, indexCorpus, type TestIndex } from '../helpers/plan-index.js';

const PLAN = 'lmc-plan-2023-2027.zh-Hant.txt';
const TRANSLATION = 'lmc-plan-2023-2027.en.json';
const OLD_SENTENCE = '加強標準化、計量、反壟斷合作。';
const NEW_SENTENCE = '加強標準化、計量、反壟斷和競爭政策合作。';

const quotes = (answer: Answer) => answer.parts.filter((p) => p.type === 'quote');
const notes = (answer: Answer) => answer.parts.filter((p) => p.type === 'note').map((p) => p.text);

describe('a translation made from an earlier version of a section', () => {
  let corpus: { dir: string; cleanup: () => Promise<void> };
  let index: TestIndex;

  beforeAll(async () => {
    corpus = await copyCorpus();
    // A new version of the plan: 4.2.3 gains competition policy; its English translation is not updated.
    const file = path.join(corpus.dir, PLAN);
    const text = await readFile(file, 'utf8');
    expect(text).toContain(OLD_SENTENCE);
    await writeFile(file, text.replace(OLD_SENTENCE, NEW_SENTENCE));
    index = await indexCorpus(corpus.dir);
  });
  afterAll(async () => {
    await index?.cleanup();
    await corpus?.cleanup();
  });

  it('is quoted in Chinese, with a note, when an English question finds that section', async () => {
    const answer = await index.assistant.ask('What does the plan say about smart customs governance?');
    expect(answer.language).toBe('en');
    expect(answer.citations[0]?.sectionId).toBe('4.2.3');
    const quote = quotes(answer).find((q) => q.type === 'quote' && q.sectionId === '4.2.3')!;
    expect(quote.type === 'quote' && quote.language).toBe('zh-Hant');
    expect(index.kb.section('4.2.3')!.text).toContain(quote.text);
    expect(answer.parts.some((p) => p.type !== 'note' && /smart customs governance/i.test(p.text))).toBe(false);
    expect(notes(answer).join(' ')).toMatch(/English translation of §4\.2\.3 predates the current Chinese text/);
    expect(answer.citations[0]!.translation?.outdated).toBe(true);
    // The label keeps the Chinese title rather than the stale English one.
    expect(answer.citations[0]!.label).toBe('§4.2.3 貿易投資便利化');
  });

  it('is not presented when the section is asked for by number, in an answer or in /section', async () => {
    const answer = await index.assistant.ask('Show me section 4.2.3');
    expect(answer.kind).toBe('section');
    const quote = quotes(answer)[0]!;
    expect(quote.type === 'quote' && quote.language).toBe('zh-Hant');
    expect(quote.text).toContain('競爭政策');
    expect(notes(answer).join(' ')).toMatch(/predates/);

    const view = sectionView(index.assistant, '4.2.3', 'en')!;
    expect(view.text).toContain('競爭政策');
    expect(view.translation?.outdated).toBe(true);
    const printed = renderSectionText(index.assistant, '4.2.3');
    expect(printed).toContain('競爭政策');
    expect(printed).toMatch(/English translation outdated/);
    expect(printed).not.toContain('smart customs governance');
  });

  it('leaves the other sections current', async () => {
    expect(sectionView(index.assistant, '4.2.4', 'en')!.translation?.outdated).toBe(false);
    const answer = await index.assistant.ask('renewable energy and electric vehicles');
    expect(answer.citations[0]?.sectionId).toBe('4.2.4');
    expect(quotes(answer)[0]!.type === 'quote' && quotes(answer)[0]!.language).toBe('en');
    expect(notes(answer).join(' ')).not.toMatch(/predates/);
  });

  it('is listed by outdatedTranslations (for /changes) and by the stamping status', async () => {
    expect(outdatedTranslations(index.kb)).toEqual([
      { docId: 'lmc-plan-2023-2027', sectionId: '4.2.3', language: 'en', title: '貿易投資便利化', translatedTitle: 'Trade and investment facilitation' },
    ]);
    const loaded = await loadCorpus(corpus.dir);
    const plan = loaded.documents[0]!;
    const statuses = translationStatus(plan.parsed.sections, plan.translations[0]!.sections);
    expect(statuses.filter((s) => s.status !== 'current')).toEqual([{ id: '4.2.3', status: 'outdated' }]);
  });

  it('is current again once a translator reviewed and stamped it', async () => {
    const before = await loadCorpus(corpus.dir);
    const stamped = await stampTranslationFile(path.join(corpus.dir, TRANSLATION), before.documents[0]!.parsed.sections, ['4.2.3']);
    expect(stamped).toEqual(['4.2.3']);
    const restamped = await indexCorpus(corpus.dir);
    try {
      expect(outdatedTranslations(restamped.kb)).toEqual([]);
      const answer = await restamped.assistant.ask('smart customs governance');
      expect(quotes(answer)[0]!.type === 'quote' && quotes(answer)[0]!.language).toBe('en');
    } finally {
      await restamped.cleanup();
    }
  });

  it('refuses to stamp a section the document does not have, leaving the file unchanged', async () => {
    const file = path.join(corpus.dir, TRANSLATION);
    const before = await readFile(file, 'utf8');
    const loaded = await loadCorpus(corpus.dir);
    await expect(stampTranslationFile(file, loaded.documents[0]!.parsed.sections, ['9.9'])).rejects.toThrow(/Cannot stamp 9\.9/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});

describe('a section without a translation', () => {
  let corpus: { dir: string; cleanup: () => Promise<void> };
  let index: TestIndex;

  beforeAll(async () => {
    corpus = await copyCorpus();
    const file = path.join(corpus.dir, TRANSLATION);
    const data = JSON.parse(await readFile(file, 'utf8')) as { sections: { id: string }[] };
    data.sections = data.sections.filter((s) => s.id !== '4.2.4');
    await writeFile(file, JSON.stringify(data, null, 2));
    index = await indexCorpus(corpus.dir);
  });
  afterAll(async () => {
    await index?.cleanup();
    await corpus?.cleanup();
  });

  it('falls back to the original text for an English asker, saying so', async () => {
    const answer = await index.assistant.ask('renewable energy and electric vehicles');
    expect(answer.citations[0]?.sectionId).toBe('4.2.4');
    const quote = quotes(answer)[0]!;
    expect(quote.type === 'quote' && quote.language).toBe('zh-Hant');
    expect(index.kb.section('4.2.4')!.text).toContain(quote.text);
    expect(notes(answer).join(' ')).toMatch(/No English translation of §4\.2\.4/);
  });
});
