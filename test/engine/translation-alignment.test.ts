import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/engine/corpus/load.js';
import { translationStatus } from '../../src/engine/corpus/stamp.js';
import { CORPUS_DIR } from '../helpers/plan-index.js';

describe('the English translation of the plan', async () => {
  const corpus = await loadCorpus(CORPUS_DIR);
  const plan = corpus.documents[0]!;
  const english = plan.translations.find((t) => t.language === 'en');

  it('is declared in corpus.json as an unofficial translation', () => {
    expect(english).toBeDefined();
    expect(english!.official).toBe(false);
    expect(english!.notice).toMatch(/unofficial/i);
  });

  it('has exactly one entry for every section of the plan, and no entry for a section the plan lacks', () => {
    const sectionIds = plan.parsed.sections.map((s) => s.id);
    const translatedIds = english!.sections.map((s) => s.id);
    expect(new Set(translatedIds).size).toBe(translatedIds.length);
    expect([...translatedIds].sort()).toEqual([...sectionIds].sort());
  });

  it('follows the plan order and gives every section a title, and every section with text a text', () => {
    expect(english!.sections.map((s) => s.id)).toEqual(plan.parsed.sections.map((s) => s.id));
    for (const section of plan.parsed.sections) {
      const t = english!.sections.find((e) => e.id === section.id)!;
      expect(t.title.trim(), section.id).not.toBe('');
      if (section.text.trim() !== section.title.trim()) expect(t.text.trim(), section.id).not.toBe('');
    }
  });

  it('is stamped with the current Chinese text of every section (run `npm run stamp-translation` after a review)', () => {
    const statuses = translationStatus(plan.parsed.sections, english!.sections);
    expect(statuses.filter((s) => s.status !== 'current')).toEqual([]);
  });
});
