import { describe, expect, it } from 'vitest';
import { parseTelegramHtml } from '../../fakes/telegram-bot-api.js';
import { escapeHtml } from '../../../src/adapters/telegram/html.js';
import { splitHtml } from '../../../src/adapters/telegram/split.js';

const plain = (html: string): string => {
  const parsed = parseTelegramHtml(html);
  if ('error' in parsed) throw new Error(`${parsed.error} in ${html.slice(0, 80)}`);
  return parsed.text;
};
const squash = (s: string) => s.replace(/\s+/g, '');

describe('splitting long replies for Telegram', () => {
  it('leaves a reply that fits alone', () => {
    expect(splitHtml('<b>§1</b>\n\nshort', 100)).toEqual(['<b>§1</b>\n\nshort']);
  });

  it('cuts on paragraph boundaries, packing whole paragraphs into each message', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `<b>段落${i}</b> ${'內容'.repeat(20 + i)}。`);
    const messages = splitHtml(paragraphs.join('\n\n'), 200);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(200);
      // Every message is a run of whole paragraphs.
      for (const p of m.split('\n\n')) expect(paragraphs).toContain(p);
    }
    expect(messages.join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('splits one huge quote between lines or sentences, closing and reopening its tags', () => {
    const text = Array.from({ length: 60 }, (_, i) => `第${i}句話說明合作安排與 R&D <細節>。`).join('');
    const html = `<b>§9 標題</b>\n\n<blockquote><i>${escapeHtml(text)}</i></blockquote>\n— <b>§9</b>`;
    const messages = splitHtml(html, 300);
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(300);
      plain(m); // well-formed on its own: every tag closed, no entity cut in half
    }
    // The heading stays with the start of the quote; later messages reopen the quote.
    expect(messages[0]!.startsWith('<b>§9 標題</b>\n\n<blockquote><i>第0句')).toBe(true);
    expect(messages[1]!.startsWith('<blockquote><i>')).toBe(true);
    expect(squash(messages.map(plain).join(''))).toBe(squash(plain(html)));
    // Sentence ends are preferred to arbitrary places.
    for (const m of messages.slice(1, -2)) expect(plain(m).trimEnd()).toMatch(/。$/);
  });

  it('never splits an entity or a surrogate pair, even with no better place to cut', () => {
    const html = `<code>${'&amp;😀x'.repeat(500)}</code>`;
    const messages = splitHtml(html, 97);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(97);
      expect(plain(m)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(messages.map(plain).join('')).toBe(plain(html));
  });

  it('keeps attributes when a link is reopened', () => {
    const html = `<a href="https://t.me/x?start=sec_4">${'連結文字 '.repeat(100)}</a>`;
    const messages = splitHtml(html, 120);
    for (const m of messages) {
      expect(m.startsWith('<a href="https://t.me/x?start=sec_4">')).toBe(true);
      expect(m.endsWith('</a>')).toBe(true);
    }
  });
});
