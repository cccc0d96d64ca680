import { describe, expect, it } from 'vitest';
import type { Answer, Citation } from '../../../src/engine/answer/types.js';
import { parseTelegramHtml } from '../../fakes/telegram-bot-api.js';
import { renderAnswer } from '../../../src/adapters/telegram/render-answer.js';
import { renderSection } from '../../../src/adapters/telegram/render-section.js';
import type { SectionView } from '../../../src/adapters/shared/views.js';

const cite = (sectionId: string, title: string, quote: string): Citation => ({ docId: 'doc', sectionId, title, label: `§${sectionId} ${title}`, docTitle: "計畫", quote, score: 1 });

function answer(partial: Partial<Answer>): Answer {
  return { kind: 'answer', question: 'q', language: 'zh-Hant', parts: [], citations: [], suggestions: [], abstained: false, indexVersion: 'v1', timings: { totalMs: 1, retrievalMs: 1 }, ...partial };
}

describe('rendering an Answer as Telegram HTML', () => {
  it('an abstention says so and lists the nearest sections, each with a button', () => {
    const rendered = renderAnswer(
      answer({
        kind: 'abstain',
        abstained: true,
        parts: [{ type: 'text', text: '計畫中沒有涉及這個問題。' }, { type: 'text', text: '最接近的章節:' }],
        suggestions: [cite('4.3.5', '旅遊 & 文化', '完善瀾湄旅遊城市合作聯盟機制。'), cite('5.4', '交流', '與東盟<加強>交流合作。')],
      }),
      'doc',
    );
    expect(rendered.messages).toHaveLength(1);
    const text = (parseTelegramHtml(rendered.messages[0]!) as { text: string }).text;
    expect(text).toBe('計畫中沒有涉及這個問題。\n\n最接近的章節:\n\n• §4.3.5 旅遊 & 文化 完善瀾湄旅遊城市合作聯盟機制。\n• §5.4 交流 與東盟<加強>交流合作。');
    expect(rendered.keyboard!.inline_keyboard.flat().map((b) => 'callback_data' in b && b.callback_data)).toEqual(['sec:4.3.5', 'sec:5.4']);
  });

  it('quotes are followed by their citation label; notes are in italics; a section of another document gets a button carrying its document', () => {
    const rendered = renderAnswer(
      answer({
        parts: [
          { type: 'note', text: '您的問題超過 2000 字。' },
          { type: 'text', text: '根據計畫:' },
          { type: 'quote', text: '加強 R&D 合作。', sectionId: '4.2.3', docId: 'doc', language: 'zh-Hant' },
          { type: 'quote', text: '另一文件。', sectionId: '2', docId: 'other', language: 'zh-Hant' },
        ],
        citations: [cite('4.2.3', '貿易投資便利化', '加強 R&D 合作。'), { ...cite('2', '原則', '另一文件。'), docId: 'other' }],
      }),
      'doc',
    );
    expect(rendered.messages[0]).toBe(
      '<i>您的問題超過 2000 字。</i>\n\n根據計畫:\n\n<blockquote>加強 R&amp;D 合作。</blockquote>\n— <b>§4.2.3 貿易投資便利化</b>\n\n<blockquote>另一文件。</blockquote>\n— <b>§2 原則</b>',
    );
    expect(rendered.keyboard!.inline_keyboard).toEqual([[{ text: '§4.2.3 貿易投資便利化', callback_data: 'sec:4.2.3' }], [{ text: '§2 原則', callback_data: 'sec:other:2' }]]);
  });

  it('an answer that was logged gets a 👍/👎 row under its section buttons', () => {
    const rendered = renderAnswer(
      answer({ parts: [{ type: 'quote', text: '加強合作。', sectionId: '4.2.3', docId: 'doc', language: 'zh-Hant' }], citations: [cite('4.2.3', '貿易投資便利化', '加強合作。')] }),
      'doc',
      { feedbackRef: 'r3f' },
    );
    expect(rendered.keyboard!.inline_keyboard).toEqual([
      [{ text: '§4.2.3 貿易投資便利化', callback_data: 'sec:4.2.3' }],
      [{ text: '👍', callback_data: 'fb:up:r3f' }, { text: '👎', callback_data: 'fb:down:r3f' }],
    ]);
  });
});

describe('rendering a section', () => {
  const view: SectionView = { id: '4.2.3', docId: 'doc', sectionId: '4.2.3', docTitle: '計畫', label: '§4.2.3 貿易 & 投資', title: '貿易 & 投資', text: '加強 <合作>。', children: [] };

  it('a section without a translation has no language switch', () => {
    const rendered = renderSection(view, 'en');
    expect(rendered.keyboard).toBeUndefined();
    expect(rendered.messages).toEqual(['<b>§4.2.3 貿易 &amp; 投資</b>\n\n<blockquote>加強 &lt;合作&gt;。</blockquote>']);
  });

  it('an official translation shows its own notice; the English view points back to the Chinese', () => {
    const rendered = renderSection({ ...view, translation: { language: 'en', title: 'Trade', text: 'Cooperate <more>.', official: true, notice: 'Official translation.', outdated: false } }, 'en', 'en');
    const text = (parseTelegramHtml(rendered.messages[0]!) as { text: string }).text;
    expect(text).toBe('§4.2.3 Trade\n\nOfficial translation.\n\nCooperate <more>.\n\nOfficial Chinese text: /section 4.2.3');
    expect(rendered.keyboard!.inline_keyboard).toEqual([[{ text: '中文 Chinese original (official)', callback_data: 'sl:zh:4.2.3' }]]);
  });
});
