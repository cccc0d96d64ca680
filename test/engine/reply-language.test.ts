import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/engine/answer/strings.js';
import type { Answer } from '../../src/engine/answer/types.js';
import { detectLanguage } from '../../src/engine/text/language.js';
import { CORPUS_DIR, indexCorpus, type TestIndex } from '../helpers/plan-index.js';

const texts = (answer: Answer, type: 'text' | 'note') => answer.parts.filter((p) => p.type === type).map((p) => p.text);
const quoteLanguages = (answer: Answer) => answer.parts.flatMap((p) => (p.type === 'quote' ? [p.language] : []));

describe('detecting the language of a question', () => {
  const cases: [string, string, string?][] = [
    ['貿易投資便利化方面有什麼安排?', 'zh-Hant'],
    ['和東盟、湄委會的合作', 'zh-Hant'],
    ['水资源合作有哪些计划?', 'zh-Hans'],
    ['扶贫培训中心', 'zh-Hans'],
    ['What does the plan say about fighting telecom fraud?', 'en'],
    ['food security and agricultural technology', 'en'],
    ['disaster prevention and post-disaster reconstruction', 'en'],
    ['Red Cross', 'en'],
    ['แผนนี้พูดถึงความร่วมมือด้านทรัพยากรน้ำอย่างไร', 'other', 'th'],
    ['Kế hoạch nói gì về hợp tác tài nguyên nước?', 'other', 'vi'],
    ['ke hoach noi gi ve hop tac tai nguyen nuoc', 'other', 'vi'],
    ['ແຜນການນີ້ເວົ້າຫຍັງກ່ຽວກັບການຮ່ວມມືດ້ານຊັບພະຍາກອນນ້ຳ', 'other', 'lo'],
    ['ផែនការនេះនិយាយអ្វីខ្លះអំពីកិច្ចសហប្រតិបត្តិការធនធានទឹក', 'other', 'km'],
    ['ဤအစီအစဉ်သည် ရေအရင်းအမြစ်ပူးပေါင်းဆောင်ရွက်မှုအကြောင်း ဘာပြောသနည်း', 'other', 'my'],
    ['Rencana ini mengatakan apa tentang kerja sama sumber daya air?', 'other', 'id'],
  ];
  it.each(cases)('%s → %s', (question, lang, code) => {
    const detected = detectLanguage(question);
    expect(detected.lang).toBe(lang);
    if (code) expect(detected.code).toBe(code);
  });
});

describe('fixed reply strings', () => {
  it('are in English for an asker of another language', () => {
    expect(t('notCovered', 'other')).toBe(t('notCovered', 'en'));
  });
});

describe('the reply language per asker', () => {
  let index: TestIndex;
  beforeAll(async () => {
    index = await indexCorpus(CORPUS_DIR);
  });
  afterAll(async () => {
    await index?.cleanup();
  });

  it('answers Traditional Chinese in Traditional Chinese', async () => {
    const answer = await index.assistant.ask('森林和野生動物怎麼保護?');
    expect(answer.language).toBe('zh-Hant');
    expect(texts(answer, 'text')[0]).toBe('根據計畫:');
    expect(quoteLanguages(answer).every((l) => l === 'zh-Hant')).toBe(true);
    expect(texts(answer, 'note')).toEqual([]);
  });

  it('answers Simplified Chinese in Simplified Chinese', async () => {
    const answer = await index.assistant.ask('森林和野生动物怎么保护?');
    expect(answer.language).toBe('zh-Hans');
    expect(texts(answer, 'text')[0]).toBe('根据计划:');
    const abstain = await index.assistant.ask('明天曼谷天气如何?');
    expect(texts(abstain, 'text')[0]).toBe('计划中没有涉及这个问题。');
  });

  it('answers English in English, quoting the unofficial translation with a pointer to the Chinese', async () => {
    const answer = await index.assistant.ask('How are forests and wildlife protected?');
    expect(answer.language).toBe('en');
    expect(texts(answer, 'text')[0]).toBe('According to the plan:');
    expect(answer.citations[0]?.sectionId).toBe('4.2.14');
    expect(quoteLanguages(answer)[0]).toBe('en');
    expect(texts(answer, 'note').join(' ')).toMatch(/unofficial English translation.*\/section 4\.2\.14/);
    const abstain = await index.assistant.ask('Who won the 2022 World Cup?');
    expect(abstain.abstained).toBe(true);
    expect(texts(abstain, 'text')[0]).toBe('The plan does not cover this question.');
  });

  it('tells an asker of another language, in English, that offline answers cover Chinese and English, with what it found', async () => {
    const byNumber = await index.assistant.ask('ช่วยอธิบายหัวข้อ 4.2.12');
    expect(byNumber.language).toBe('other');
    expect(byNumber.languageCode).toBe('th');
    expect(texts(byNumber, 'note')[0]).toBe('Offline answers cover Chinese and English, so this reply is in English.');
    expect(byNumber.citations[0]?.sectionId).toBe('4.2.12');
    expect(quoteLanguages(byNumber)[0]).toBe('en');

    const byName = await index.assistant.ask('Kế hoạch nói gì về hợp tác với ASEAN?');
    expect(byName.languageCode).toBe('vi');
    expect(texts(byName, 'note')[0]).toMatch(/^Offline answers cover Chinese and English\. These sections look closest/);
    expect(byName.suggestions.map((s) => s.sectionId)).toContain('5.5');

    const nothing = await index.assistant.ask('แผนนี้พูดถึงความร่วมมือด้านทรัพยากรน้ำอย่างไร');
    expect(nothing.abstained).toBe(true);
    expect(nothing.suggestions).toEqual([]);
    expect(texts(nothing, 'note')[0]).toMatch(/^Offline answers cover Chinese and English\. Please ask in Chinese or English/);
  });
});
