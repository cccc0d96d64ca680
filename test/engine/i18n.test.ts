import { describe, expect, it } from 'vitest';
import { defineCatalog, placeholdersOf, replyLang } from '../../src/engine/text/i18n.js';

const text = defineCatalog({
  greet: { 'zh-Hant': '您好,{name}!', 'zh-Hans': '您好,{name}!', en: 'Hello, {name}!' },
  twice: { 'zh-Hant': '{n} 與 {n}', 'zh-Hans': '{n} 与 {n}', en: '{n} and {n}' },
  onlyTraditional: { 'zh-Hant': '計畫的執行進度' },
});

describe('a catalog text', () => {
  it('is the asker’s language with every placeholder filled in', () => {
    expect(text('greet', 'zh-Hant', { name: '阿明' })).toBe('您好,阿明!');
    expect(text('greet', 'en', { name: 'Ann' })).toBe('Hello, Ann!');
    expect(text('twice', 'zh-Hans', { n: 3 })).toBe('3 与 3');
  });

  it('is English for an asker of another language, and the plan’s script when the language is unknown', () => {
    expect(text('greet', 'other', { name: 'Somchai' })).toBe('Hello, Somchai!');
    expect(text('greet', undefined, { name: '阿明' })).toBe('您好,阿明!');
  });

  it('inserts values as given: a value that looks like a placeholder is not filled in again', () => {
    expect(text('greet', 'en', { name: '{name}' })).toBe('Hello, {name}!');
  });

  it('falls back from a missing translation: simplified converted from traditional, English to the original', () => {
    expect(text('onlyTraditional', 'zh-Hans')).toBe('计划的执行进度');
    expect(text('onlyTraditional', 'en')).toBe('計畫的執行進度');
  });
});

describe('the reply language', () => {
  it('keeps the three reply languages, reads others in English and unknown in Traditional Chinese', () => {
    expect(['zh-Hant', 'zh-Hans', 'en'].map((l) => replyLang(l as 'en'))).toEqual(['zh-Hant', 'zh-Hans', 'en']);
    expect(replyLang('other')).toBe('en');
    expect(replyLang(undefined)).toBe('zh-Hant');
  });
});

describe('placeholders of a template', () => {
  it('are the distinct {names}, sorted', () => {
    expect(placeholdersOf('{b} {a} {b} {not a name}')).toEqual(['a', 'b']);
    expect(placeholdersOf('none')).toEqual([]);
  });
});
