import { describe, expect, it } from 'vitest';
import { normalizeForSearch, stripControlChars, toHalfWidth, toSimplified } from '../../src/engine/text/normalize.js';
import { searchTerms } from '../../src/engine/text/segment.js';
import { detectLanguage } from '../../src/engine/text/language.js';
import { stemEnglish } from '../../src/engine/text/stem.js';

describe('normalization', () => {
  it('turns full-width digits, letters and dots into half-width', () => {
    expect(toHalfWidth('４．２．３ ＡＢＣ　x')).toBe('4.2.3 ABC x');
  });

  it('strips control and invisible characters but keeps newlines', () => {
    expect(stripControlChars('a\u0000b\u200Bc\nd\u0007')).toBe('abc\nd');
  });

  it('converts traditional to simplified (Taiwan phrasing included)', () => {
    expect(toSimplified('資訊共用平臺')).toBe('资讯共用平台');
    expect(normalizeForSearch('領導人會議 ABC')).toBe('领导人会议 abc');
  });

  it('searches Taiwan words as their mainland forms, so both askers meet the plan (資訊 = 信息, 專案 = 项目)', () => {
    expect(normalizeForSearch('資訊共用平臺')).toBe(normalizeForSearch('信息共用平台'));
    expect(searchTerms('水資源合作資訊共用平臺')).toEqual(expect.arrayContaining(searchTerms('信息')));
    expect(normalizeForSearch('專案')).toBe(normalizeForSearch('项目'));
    // What is shown keeps the plan's own wording.
    expect(toSimplified('資訊')).toBe('资讯');
  });
});

describe('segmentation', () => {
  it('segments traditional text into words, not single characters (converted to simplified first)', () => {
    expect(searchTerms('加強水資源合作資訊共用平臺建設')).toEqual(expect.arrayContaining(['水资源', '合作', '建设']));
  });

  it('drops question words and punctuation', () => {
    expect(searchTerms('水資源合作有哪些計畫?')).toEqual(['水资源', '合作']);
  });

  it('stems English words so inflections meet', () => {
    expect(stemEnglish('meetings')).toBe(stemEnglish('meeting'));
    expect(stemEnglish('frauds')).toBe('fraud');
    expect(searchTerms('What are the pillars of cooperation?')).toEqual([stemEnglish('pillars'), stemEnglish('cooperation')]);
  });
});

describe('language detection', () => {
  it.each([
    ['領導人會議多久開一次?', 'zh-Hant'],
    ['领导人会议多久开一次?', 'zh-Hans'],
    ['How often do the foreign ministers meet?', 'en'],
    ['water resources', 'en'],
    ['แผนความร่วมมือด้านน้ำคืออะไร', 'other'],
    ['Kế hoạch hợp tác về tài nguyên nước là gì?', 'other'],
    ['ແຜນການຮ່ວມມືດ້ານນໍ້າແມ່ນຫຍັງ', 'other'],
    ['ផែនការកិច្ចសហប្រតិបត្តិការទឹក', 'other'],
    ['ရေအရင်းအမြစ်ပူးပေါင်းဆောင်ရွက်မှု', 'other'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });
});

describe('question text of a chat message', async () => {
  const { questionText } = await import('../../src/engine/text/question.js');
  it('drops mentions and channel references, keeps the question', () => {
    expect(questionText('<@U123ABC> 水資源合作 <!channel>')).toBe('水資源合作');
    expect(questionText('@PlanBot what about @bob telecom fraud?')).toBe('what about telecom fraud?');
    expect(questionText('see <https://example.org|the plan> & <#C1|general>')).toBe('see the plan &');
  });
  it('keeps e-mail-like and section text intact', () => {
    expect(questionText('§4.2.3 a@b.org')).toBe('§4.2.3 a@b.org');
  });
});
