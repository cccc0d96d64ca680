import { describe, expect, it } from 'vitest';
import { localeLanguage } from '../../../src/adapters/cli/chat-language.js';
import { entrySwitches } from '../../../src/app/settings.js';

describe('the local chat\'s starting language', () => {
  it('follows the terminal locale: Simplified for mainland and Singapore, Traditional for other Chinese, else English', () => {
    expect(localeLanguage('zh_CN.UTF-8')).toBe('zh-Hans');
    expect(localeLanguage('zh_SG.UTF-8')).toBe('zh-Hans');
    expect(localeLanguage('zh_TW.UTF-8')).toBe('zh-Hant');
    expect(localeLanguage('zh_HK.UTF-8')).toBe('zh-Hant');
    expect(localeLanguage('en_US.UTF-8')).toBe('en');
    expect(localeLanguage('')).toBe('en');
  });

  it('reads LC_ALL before LC_MESSAGES before LANG, as the C library does', () => {
    expect(localeLanguage(entrySwitches({ LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' }).terminalLocale)).toBe('zh-Hant');
    expect(localeLanguage(entrySwitches({ LC_MESSAGES: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' }).terminalLocale)).toBe('en');
  });
});
