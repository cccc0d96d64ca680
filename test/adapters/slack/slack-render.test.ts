import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/engine/answer/types.js';
import { LIMITS } from '../../../src/adapters/slack/limits.js';
import { escapeMrkdwn, plainTextFromSlack, splitText } from '../../../src/adapters/slack/mrkdwn.js';
import { renderAnswer } from '../../../src/adapters/slack/render-answer.js';
import { renderSection } from '../../../src/adapters/slack/render-section.js';
import { feedbackValue, postValue, readFeedbackValue, readPostValue, readSectionValue } from '../../../src/adapters/slack/action-values.js';
import { asPlanCommands } from '../../../src/adapters/slack/command-names.js';
import { parseFeedbackPayload } from '../../../src/services/questions/feedback.js';

function answerWith(quote: string, overrides: Partial<Answer> = {}): Answer {
  return {
    kind: 'answer',
    question: 'q',
    language: 'zh-Hant',
    parts: [
      { type: 'text', text: '根據計畫:' },
      { type: 'quote', text: quote, sectionId: '4.2.3', docId: 'doc', language: 'zh-Hant' },
    ],
    citations: [{ docId: 'doc', sectionId: '4.2.3', title: '貿易投資便利化', label: '§4.2.3 貿易投資便利化', docTitle: '計畫', quote, score: 1 }],
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
  it('quotes the passage, names its section and adds a section button and 👍/👎 for the logged question', () => {
    const [message, ...rest] = renderAnswer(answerWith('貿易投資便利化。'), { feedbackRef: 'REF123' });
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
    const up = actions.type === 'actions' ? actions.elements[1] : undefined;
    const payload = readFeedbackValue(up && 'value' in up ? up.value : undefined)?.p;
    expect(parseFeedbackPayload(payload ?? '')).toEqual({ vote: 'up', ref: 'REF123' });
  });

  it('has no 👍/👎 when the question could not be logged (nothing to store a vote against)', () => {
    const [message] = renderAnswer(answerWith('貿易投資便利化。'));
    expect(JSON.stringify(message)).not.toContain('planbot.feedback');
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
      suggestions: [{ docId: 'doc', sectionId: '4.2.12', title: '水資源合作', label: '§4.2.12 水資源合作', docTitle: '計畫', quote: '制定計畫。', score: 0.1 }],
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
    const [hans] = renderAnswer(answerWith('x', { language: 'zh-Hans' }), { feedbackRef: 'r' });
    expect(JSON.stringify(hans)).toContain('有帮助');
  });
});

describe('button values', () => {
  it('fit in 2,000 characters however long or escape-heavy the question is', () => {
    const q = '"\\'.repeat(3000);
    const fb = feedbackValue('abcdefghijkl', 'down', 'en');
    const post = postValue(q, 'en', 'abcdefghijkl');
    expect(fb.length).toBeLessThanOrEqual(LIMITS.buttonValue);
    expect(post.length).toBeLessThanOrEqual(LIMITS.buttonValue);
    expect(readFeedbackValue(fb)?.p).toBe('fb:down:abcdefghijkl');
    expect(readPostValue(post)?.q.length).toBeGreaterThan(100);
    expect(readPostValue(post)?.ref).toBe('abcdefghijkl');
  });

  it('reject what they did not write', () => {
    expect(readPostValue('not json')).toBeUndefined();
    expect(readPostValue('{"q":""}')).toBeUndefined();
    expect(readSectionValue('{"lang":"en"}')).toBeUndefined();
    // An unknown language or view falls back instead of failing the click.
    expect(readSectionValue('{"id":"4.2.3","lang":"fr","show":"xx"}')).toEqual({ id: '4.2.3', lang: 'zh-Hant', show: 'source' });
  });
});

describe('rendering a section', () => {
  const view = {
    id: '4',
    docId: 'doc',
    sectionId: '4',
    docTitle: '計畫',
    label: '§4 務實合作',
    title: '務實合作',
    text: '務實合作 & 發展',
    children: [{ id: '4.1', label: '§4.1 政治安全事務' }],
    translation: { language: 'en', title: 'Practical cooperation', text: 'Practical <cooperation>', official: false, notice: '', outdated: false },
  };
  const buttonsOf = (m: ReturnType<typeof renderSection>) =>
    m.flatMap((x) => x.blocks).flatMap((b) => (b.type === 'actions' ? b.elements : [])).map((e) => ('value' in e ? { id: e.action_id, label: 'text' in e ? e.text.text : '', value: readSectionValue(e.value) } : undefined));

  it('shows the label, the verbatim Chinese text and the subsections, with a button for the translation', () => {
    for (const lang of ['zh-Hant', 'en'] as const) {
      const messages = renderSection(view, lang);
      const zh = JSON.stringify(messages);
      expect(zh).toContain('*§4 務實合作*');
      expect(zh).toContain('務實合作 &amp; 發展');
      expect(zh).toContain('• §4.1 政治安全事務');
      expect(zh).not.toContain('Practical');
      expect(buttonsOf(messages)).toEqual([{ id: 'planbot.section.language', label: lang === 'en' ? '🌐 English translation (unofficial)' : '🌐 英文譯本(非官方)', value: { id: '4', lang, show: 'en' } }]);
    }
  });

  it('switches to the English translation, marked unofficial (and outdated when it is), with a button back', () => {
    const en = renderSection(view, 'zh-Hant', 'en');
    const json = JSON.stringify(en);
    expect(json).toContain('Practical &lt;cooperation&gt;');
    expect(json).toContain('非官方,以中文原文為準');
    expect(json).not.toContain('務實合作 &amp; 發展');
    expect(buttonsOf(en)).toEqual([{ id: 'planbot.section.language', label: '中文原文', value: { id: '4', lang: 'zh-Hant', show: 'source' } }]);
    const outdated = JSON.stringify(renderSection({ ...view, translation: { ...view.translation, outdated: true } }, 'en', 'en'));
    expect(outdated).toContain('predates the current Chinese text');
  });

  it('has no language button when there is no translation', () => {
    const { translation: _, ...untranslated } = view;
    expect(buttonsOf(renderSection(untranslated, 'en'))).toEqual([]);
    expect(JSON.stringify(renderSection(untranslated, 'en', 'en'))).toContain('務實合作 &amp; 發展');
  });
});

describe('command names in shared replies', () => {
  it('become /plan sub-commands, once, and nothing else changes', () => {
    expect(asPlanCommands('Admins can set one with /setstatus 4.2.12 in_progress; /toc lists them. (/status)')).toBe(
      'Admins can set one with /plan setstatus 4.2.12 in_progress; /plan toc lists them. (/plan status)',
    );
    expect(asPlanCommands('可用 /toc 查看目錄')).toBe('可用 /plan toc 查看目錄');
    expect(asPlanCommands('corpus/changes and /plan status and /statusbar')).toBe('corpus/changes and /plan status and /statusbar');
  });
});
