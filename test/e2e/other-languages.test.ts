import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/engine/answer/render-text.js';
import { t } from '../../src/engine/answer/strings.js';
import { defaultExpander } from '../../src/app/expander.js';
import { detectLanguage } from '../../src/engine/text/language.js';
import { buildCoreIndex, type CoreIndex } from '../helpers/core-index.js';

// Offline, PlanBot reads Chinese and English. A Vietnamese or Thai asker can still open a section by
// number in their own words; a German or French question is told the truth, not answered as English.
let core: CoreIndex;
beforeAll(async () => {
  core = await buildCoreIndex({ expander: defaultExpander({ DICTIONARY_BRIDGE: true }) });
});
afterAll(async () => core.cleanup());

describe('section references in Vietnamese and Thai', () => {
  it.each([
    ['mục 4.2.3 nói gì?', 'vi', ['4.2.3']],
    ['Mục 4.2.3', 'vi', ['4.2.3']],
    ['Chương 5 gồm những gì?', 'vi', ['5', '5.1', '5.2', '5.3', '5.4', '5.5']],
    ['ข้อ 4.2.3 คืออะไร', 'th', ['4.2.3']],
    ['หมวด 5 มีอะไรบ้าง', 'th', ['5', '5.1', '5.2', '5.3', '5.4', '5.5']],
  ])('%s → the section, in English, with the offline note', async (question, code, sections) => {
    const answer = await core.assistant.ask(question);
    expect(answer.kind).toBe('section');
    expect(answer.languageCode).toBe(code);
    expect(answer.citations.map((c) => c.sectionId)).toEqual(sections);
    const text = renderPlainText(answer);
    expect(text).toContain(t('offlineLanguageAnswered', 'other'));
    expect(text).toContain(`§${sections[0]} ${core.kb.translation(sections[0]!, 'en')!.title}`);
  });

  it('section 4.2.3 in English still works', async () => {
    expect((await core.assistant.ask('section 4.2.3')).citations.map((c) => c.sectionId)).toEqual(['4.2.3']);
  });
});

describe('other questions in Vietnamese and Thai', () => {
  it.each(['Hợp tác tài nguyên nước gồm những gì?', 'ความร่วมมือด้านทรัพยากรน้ำมีอะไรบ้าง'])('%s → the honest note, no guessed answer', async (question) => {
    const answer = await core.assistant.ask(question);
    expect(answer.abstained).toBe(true);
    expect(answer.citations).toEqual([]);
    expect(renderPlainText(answer)).toContain('Offline answers cover Chinese and English');
  });
});

describe('German, French and other Latin-script questions are not taken for English', () => {
  it.each([
    ['Was sagt der Plan über Wasserressourcen?', 'de'],
    ['Wie oft treffen sich die Staats- und Regierungschefs?', 'de'],
    ["Que dit le plan sur l'eau?", 'fr'],
    ['coopération sur les ressources en eau', 'fr'],
    ['¿Qué dice el plan sobre el agua?', 'es'],
    ['O que diz o plano sobre a água?', 'pt'],
  ])('%s → %s', async (question, code) => {
    expect(detectLanguage(question)).toEqual({ lang: 'other', code });
    const answer = await core.assistant.ask(question);
    expect(answer.language).toBe('other');
    expect(renderPlainText(answer)).toMatch(/^\(Offline answers cover Chinese and English/);
  });

  it.each(['food security and agricultural technology', 'disaster prevention and post-disaster reconstruction', 'What is the café scheme?', 'How does the plan handle a de minimis rule?'])(
    'English stays English: %s',
    (question) => {
      expect(detectLanguage(question).lang).toBe('en');
    },
  );
});
