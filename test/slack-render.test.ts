import { describe, expect, it } from 'vitest';
import type { Answer } from '../src/answer/types.js';
import { LIMITS } from '../src/bots/slack/limits.js';
import { escapeMrkdwn, plainTextFromSlack, splitText } from '../src/bots/slack/mrkdwn.js';
import { renderAnswer } from '../src/bots/slack/render-answer.js';
import { renderSection } from '../src/bots/slack/render-section.js';
import { feedbackValue, postValue, readFeedbackValue, readPostValue } from '../src/bots/slack/action-values.js';

function answerWith(quote: string, overrides: Partial<Answer> = {}): Answer {
  return {
    kind: 'answer',
    question: 'q',
    language: 'zh-Hant',
    parts: [
      { type: 'text', text: '根據計畫:' },
      { type: 'quote', text: quote, sectionId: '4.2.3', docId: 'doc', language: 'zh-Hant' },
    ],
    citations: [{ docId: 'doc', sectionId: '4.2.3', title: '貿易投資便利化', label: '§4.2.3 貿易投資便利化', quote, score: 1 }],
    suggestions: [],
    abstained: false,
    indexVersion: 'v1',
    timings: { totalMs: 1, retrievalMs: 1 },
    ...overrides,
  };
}

const sectionTexts = (messages: ReturnType<typeof renderAnswer>) =>
  messages.flatMap((m) => m.blocks).flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

describe('Slack mrkdwn', () => {
  it('escapes &, < and > so document or user text can never mention, broadcast or link', () => {
    expect(escapeMrkdwn('a <@U123> & <!channel> > b')).toBe('a &lt;@U123&gt; &amp; &lt;!channel&gt; &gt; b');
  });

  it('reads incoming text as the words typed: mentions, channels, links and entities become plain text', () => {
    expect(plainTextFromSlack('<@UBOT> 水資源 &amp; 能源 &lt;b&gt; <@U9|bob> <#C1|general> <!here> <https://x.org|site>', 'UBOT')).toBe(
      '水資源 & 能源 <b> @bob #general @here site',
    );
  });

  it('splits long text at line breaks and sentence ends, every piece within the limit', () => {
    const sentence = '加強標準化、計量、反壟斷合作。';
    const text = `${'> '}${sentence.repeat(400)}\n短行\n${'x'.repeat(5000)}`;
    const pieces = splitText(text, 3000);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3000);
    expect(pieces[0]!.endsWith('。')).toBe(true);
    expect(pieces.filter((p) => p.includes('加強')).every((p) => p.startsWith('> '))).toBe(true);
    expect(pieces.join('').replace(/> |\n/g, '')).toBe(text.replace(/> |\n/g, ''));
  });

  it('never cuts an escaped entity in half', () => {
    const text = escapeMrkdwn('&'.repeat(2000));
    for (const p of splitText(text, 3000)) expect(p).toMatch(/^(&amp;)+$/);
  });
});

describe('rendering an Answer as Block Kit', () => {
  it('quotes the passage, names its section and adds a section button and 👍/👎', () => {
    const [message, ...rest] = renderAnswer(answerWith('貿易投資便利化。'));
    expect(rest).toHaveLength(0);
    const types = message!.blocks.map((b) => b.type);
    expect(types).toEqual(['section', 'context', 'actions']);
    expect(sectionTexts([message!])[0]).toContain('> 貿易投資便利化。\n— *§4.2.3 貿易投資便利化*');
    const actions = message!.blocks[2]!;
    expect(actions.type === 'actions' && actions.elements.map((e) => ('action_id' in e ? e.action_id : ''))).toEqual([
      'planbot.section:4.2.3',
      'planbot.feedback.up',
      'planbot.feedback.down',
    ]);
  });

  it('escapes document text in quotes, labels and the notification text', () => {
    const [message] = renderAnswer(answerWith('見 <!here> & <@U123> 條款'));
    const json = JSON.stringify(message);
    expect(json).not.toContain('<!here>');
    expect(json).not.toContain('<@U123>');
    expect(sectionTexts([message!])[0]).toContain('見 &lt;!here&gt; &amp; &lt;@U123&gt; 條款');
    expect(message!.text).toContain('&lt;!here&gt;');
  });

  it('splits a long answer within 3,000 characters per block and 50 blocks per message, buttons on the last', () => {
    const quote = '深化資本市場合作,為區域互聯互通提供金融支持。'.repeat(8000); // ~190,000 characters
    const messages = renderAnswer(answerWith(quote));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
      for (const text of sectionTexts([m])) expect(text.length).toBeLessThanOrEqual(LIMITS.textBlock);
    }
    expect(messages.slice(0, -1).every((m) => m.blocks.every((b) => b.type === 'section'))).toBe(true);
    expect(messages.at(-1)!.blocks.at(-1)!.type).toBe('actions');
    // Nothing lost: the quote reads the same once the pieces are put back together.
    const joined = sectionTexts(messages).join('\n').replace(/^> /gm, '').replace(/\n/g, '');
    expect(joined).toContain(quote);
  });

  it('offers the nearest sections when the plan does not cover the question', () => {
    const abstain = answerWith('', {
      kind: 'abstain',
      abstained: true,
      parts: [{ type: 'text', text: '計畫中沒有涉及這個問題。' }],
      citations: [],
      suggestions: [{ docId: 'doc', sectionId: '4.2.12', title: '水資源合作', label: '§4.2.12 水資源合作', quote: '制定計畫。', score: 0.1 }],
    });
    const [message] = renderAnswer(abstain);
    const text = JSON.stringify(message);
    expect(text).toContain('相關章節');
    expect(text).toContain('planbot.section:4.2.12');
  });

  it('adds "post to channel" only when asked, and no 👍/👎 on help', () => {
    const help = answerWith('', { kind: 'help', parts: [{ type: 'text', text: 'help' }], citations: [] });
    const [helpMessage] = renderAnswer(help, { postable: true });
    expect(helpMessage!.blocks.map((b) => b.type)).toEqual(['section']);
    const [posted] = renderAnswer(answerWith('x。'), { postable: true });
    expect(JSON.stringify(posted)).toContain('planbot.post');
  });

  it('writes its own strings in the asker language', () => {
    const [en] = renderAnswer(answerWith('x', { language: 'en' }));
    expect(JSON.stringify(en)).toContain('Full text §4.2.3');
    const [hans] = renderAnswer(answerWith('x', { language: 'zh-Hans' }));
    expect(JSON.stringify(hans)).toContain('有帮助');
  });
});

describe('button values', () => {
  it('fit in 2,000 characters however long or escape-heavy the question is', () => {
    const q = '"\\'.repeat(3000);
    const fb = feedbackValue(q, ['1', '2'], 'v', 'en');
    const post = postValue(q, 'en');
    expect(fb.length).toBeLessThanOrEqual(LIMITS.buttonValue);
    expect(post.length).toBeLessThanOrEqual(LIMITS.buttonValue);
    expect(readFeedbackValue(fb)?.s).toEqual(['1', '2']);
    expect(readPostValue(post)?.q.length).toBeGreaterThan(100);
  });

  it('reject what they did not write', () => {
    expect(readPostValue('not json')).toBeUndefined();
    expect(readPostValue('{"q":""}')).toBeUndefined();
  });
});

describe('rendering a section', () => {
  it('shows the label, the verbatim text and the subsections; the translation for English readers', () => {
    const view = {
      id: '4',
      label: '§4 務實合作',
      title: '務實合作',
      text: '務實合作 & 發展',
      children: [{ id: '4.1', label: '§4.1 政治安全事務' }],
      translation: { language: 'en', title: 'Practical cooperation', text: 'Practical <cooperation>', official: false, notice: '', outdated: false },
    };
    const zh = JSON.stringify(renderSection(view, 'zh-Hant'));
    expect(zh).toContain('*§4 務實合作*');
    expect(zh).toContain('務實合作 &amp; 發展');
    expect(zh).toContain('• §4.1 政治安全事務');
    expect(zh).not.toContain('Practical');
    const en = JSON.stringify(renderSection(view, 'en'));
    expect(en).toContain('Practical &lt;cooperation&gt;');
    expect(en).toContain('unofficial');
  });
});
