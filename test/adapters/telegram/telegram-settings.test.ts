import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../../src/app/settings.js';
import { deriveWebhookSecret, telegramSettingsFrom } from '../../../src/adapters/telegram/options.js';
import { userLang } from '../../../src/adapters/telegram/language.js';

const TOKEN = '123456789:AAH-secretPart_abcdefghijklmnopqrstuvwx';

describe('Telegram settings', () => {
  it('no token: no Telegram bot', () => {
    expect(telegramSettingsFrom(loadSettings({}))).toBeUndefined();
  });

  it('long polling by default, with the default rate limit and no chat restriction', () => {
    expect(telegramSettingsFrom(loadSettings({ TELEGRAM_BOT_TOKEN: TOKEN }))).toEqual({ token: TOKEN, rateLimitPerMinute: 20 });
  });

  it('webhook mode when TELEGRAM_WEBHOOK_URL is set; the secret is derived from the token when not given', () => {
    const s = telegramSettingsFrom(
      loadSettings({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg/updates',
        TELEGRAM_WEBHOOK_PORT: '9000',
        TELEGRAM_ALLOWED_CHAT_IDS: '123, -100200300',
        TELEGRAM_RATE_LIMIT_PER_MINUTE: '0',
      }),
    )!;
    expect(s.apiRoot).toBe('http://127.0.0.1:8081');
    expect(s.webhook).toEqual({ url: 'https://bot.example.org/tg/updates', path: '/tg/updates', secret: deriveWebhookSecret(TOKEN), host: '0.0.0.0', port: 9000 });
    expect(s.webhook!.secret).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(s.webhook!.secret).not.toContain(TOKEN.split(':')[1]);
    expect(s.allowedChatIds).toEqual(['123', '-100200300']);
    expect(s.rateLimitPerMinute).toBe(0);
    const own = telegramSettingsFrom(loadSettings({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://x.org/', TELEGRAM_WEBHOOK_SECRET: 'my_secret' }))!;
    expect(own.webhook!.secret).toBe('my_secret');
  });

  it('bad values stop start-up naming the setting, never echoing the token', () => {
    expect(() => loadSettings({ TELEGRAM_ADMIN_IDS: 'alice,42' })).toThrow(/TELEGRAM_ADMIN_IDS: expected numeric Telegram ids/);
    expect(() => loadSettings({ TELEGRAM_WEBHOOK_URL: 'bot.example.org' })).toThrow(/TELEGRAM_WEBHOOK_URL/);
    expect(() => loadSettings({ TELEGRAM_WEBHOOK_SECRET: 'has spaces' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    let message = '';
    try {
      loadSettings({ TELEGRAM_BOT_TOKEN: 'not a token but a secret sentence' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/TELEGRAM_BOT_TOKEN/);
    expect(message).not.toContain('secret sentence');
  });
});

describe('language of the bot\'s own strings', () => {
  it('follows what the user wrote, else their app language, else the plan\'s script', () => {
    expect(userLang('水资源合作有哪些安排?', 'en')).toBe('zh-Hans');
    expect(userLang('水資源合作有哪些安排?', 'en')).toBe('zh-Hant');
    expect(userLang('What about water?', 'zh-hant')).toBe('en');
    expect(userLang('/start sec_4_2_3', 'zh-hans')).toBe('zh-Hans');
    expect(userLang('/section 4.2.3', 'en')).toBe('en');
    expect(userLang(undefined, 'zh-TW')).toBe('zh-Hant');
    expect(userLang(undefined, 'th')).toBe('en');
    expect(userLang(undefined, undefined)).toBe('zh-Hant');
  });
});
