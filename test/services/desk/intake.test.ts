import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../../src/engine/answer/reading.js';
import { knownSections } from '../../helpers/known-sections.js';
import { takeIn } from '../../../src/services/desk/intake.js';

const kb = knownSections(['4.2.12', '4.2.13']);
const reader = { read: (question: string) => readQuestion(question, kb, 2000) };

describe('takeIn: the question read once', () => {
  it('a progress question names the sections whose status cards it gets, in its language and script', () => {
    const hant = takeIn(reader, '4.2.12 進展如何?');
    expect(hant.statusSections).toEqual(['4.2.12']);
    expect(hant.reading.language.lang).toBe('zh-Hant');
    expect(takeIn(reader, '4.2.13进展怎么样').reading.language.lang).toBe('zh-Hans');
    expect(takeIn(reader, "What's the status of 4.2.13?").statusSections).toEqual(['4.2.13']);
  });

  it('a question about the text, or without a known section, is the Assistant\'s', () => {
    expect(takeIn(reader, '4.2.12 說了什麼?').statusSections).toBeUndefined();
    expect(takeIn(reader, '9.9.9 進展如何?').statusSections).toBeUndefined();
    expect(takeIn(reader, '水資源合作進展如何?').statusSections).toBeUndefined();
  });

  it('carries the cleaned text and the follow-up cues', () => {
    const { reading } = takeIn(reader, '@PlanBot   它的資金從哪裡來? ');
    expect(reading.question).toBe('它的資金從哪裡來?');
    expect(reading.refersBack).toBe(true);
    expect(takeIn(reader, '水資源合作有哪些安排?').reading.continuesPrevious).toBe(false);
  });
});
