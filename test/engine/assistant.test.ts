import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/engine/answer/render-text.js';
import type { Answer } from '../../src/engine/answer/types.js';
import { buildCoreIndex, type CoreIndex } from '../helpers/core-index.js';

let core: CoreIndex;
beforeAll(async () => {
  core = await buildCoreIndex();
});
afterAll(async () => core.cleanup());

const ask = (q: string, ctx?: Parameters<CoreIndex['assistant']['ask']>[1]) => core.assistant.ask(q, ctx);
const cited = (a: Answer) => a.citations.map((c) => c.sectionId);

describe('answering plan questions (offline, extractive)', () => {
  it.each([
    ['公共衛生方面有哪些合作?', '4.1.3.1'],
    ['能源合作包括哪些内容?', '4.2.4'],
    ['金融監管部門之間有什麼交流?', '4.2.11'],
    ['发达国家的气候融资承诺', '4.2.13'],
    ['知識產權保護', '4.2.8'],
    ['高校之間的學術交流', '4.3.3'],
    ['婦女和青年的交流合作', '4.3.7'],
    ['地方政府合作论坛多久开一次', '5.4'],
    ['public health cooperation and infectious diseases', '4.1.3.1'],
    ['intellectual property protection', '4.2.8'],
    ["Buddha's birthday celebrations", '4.3.6'],
    ['state-owned assets supervision', '4.2.9'],
  ])('%s → cites §%s first', async (question, section) => {
    const answer = await ask(question);
    expect(answer.abstained).toBe(false);
    expect(cited(answer)[0]).toBe(section);
  });

  it('quotes the cited section verbatim and follows each quote with its citation', async () => {
    const answer = await ask('探索構建智能海關治理新模式是哪一條?');
    const top = answer.citations[0]!;
    expect(top.sectionId).toBe('4.2.3');
    expect(top.label).toBe('§4.2.3 貿易投資便利化');
    expect(core.kb.section('4.2.3')!.text).toContain(top.quote);
    expect(renderPlainText(answer)).toMatch(/「[^」]*智能海關[^」]*」 \(§4\.2\.3 貿易投資便利化\)/);
  });

  it('answers a section number with the whole section', async () => {
    const answer = await ask('第4.2.12條');
    expect(answer.kind).toBe('section');
    expect(answer.citations[0]!.sectionId).toBe('4.2.12');
    expect(answer.citations[0]!.quote).toBe(core.kb.section('4.2.12')!.text);
  });

  it('answers a chapter reference with the chapter and its parts', async () => {
    const zh = await ask('第五部分包括哪些內容?');
    expect(cited(zh)).toEqual(['5', '5.1', '5.2', '5.3', '5.4', '5.5']);
    expect(renderPlainText(zh)).toContain('§5.2 資金支持');
    const en = await ask('What is in chapter 5?');
    expect(cited(en)).toEqual(['5', '5.1', '5.2', '5.3', '5.4', '5.5']);
    expect(renderPlainText(en)).toContain(`§5.2 ${core.kb.translation('5.2', 'en')!.title}`);
  });

  it('shows the preamble as the news article it is, never as §0', async () => {
    const answer = await ask('李強和敏昂萊共同主持了什麼會議?');
    expect(cited(answer)[0]).toBe('0');
    expect(answer.citations[0]!.label).toBe('隨計畫發布的新聞稿');
    expect(renderPlainText(answer)).not.toContain('§0');
  });
});

describe('questions the plan does not cover', () => {
  it.each(['今天股市行情怎麼樣?', 'What is the admin password?', '如何煮牛肉麵?', 'Who is the best football player in the world?', '明年的奧運會在哪裡舉辦?'])(
    '%s → says so, cites nothing',
    async (question) => {
      const answer = await ask(question);
      expect(answer.abstained).toBe(true);
      expect(answer.kind).toBe('abstain');
      expect(answer.citations).toEqual([]);
    },
  );

  it('says it in the asker’s language and offers the nearest sections when something is close', async () => {
    const zh = await ask('瀾湄合作的足球比賽誰贏了?');
    expect(renderPlainText(zh)).toContain('計畫中沒有涉及這個問題');
    const en = await ask('What is the weather in Bangkok tomorrow?');
    expect(renderPlainText(en)).toContain('The plan does not cover this question');
  });
});

describe('the asker’s script and language', () => {
  it('writes the surrounding words in traditional, simplified or English; quotes stay verbatim', async () => {
    const hant = await ask('水資源合作有哪些安排?');
    const hans = await ask('水资源合作有哪些安排?');
    const en = await ask('What does the plan say about water resources cooperation?');
    expect(renderPlainText(hant)).toContain('根據計畫');
    expect(renderPlainText(hans)).toContain('根据计划');
    expect(hans.citations[0]!.quote).toBe(hant.citations[0]!.quote);
    expect(en.language).toBe('en');
    expect(renderPlainText(en)).toContain('According to the plan');
    expect(en.citations[0]!.sectionId).toBe('4.2.12');
    expect(en.citations[0]!.translation?.quote).toMatch(/water resources/i);
    expect(renderPlainText(en)).toMatch(/unofficial English translation/);
  });
});

describe('follow-up questions', () => {
  it('keeps a follow-up on the topic of the previous question', async () => {
    const first = await ask('水資源合作有哪些計畫?');
    expect(cited(first)[0]).toBe('4.2.12');
    const followUp = await ask('它的部長級會議多久開一次?', { previousQuestion: first.question, previousCitations: cited(first) });
    expect(followUp.abstained).toBe(false);
    expect(cited(followUp)[0]).toBe('4.2.12');
  });
});

describe('bad input never crashes', () => {
  it.each(['', '   ', '😀😀😀', '?!。', '\u0000\u0007'])('%j → a short help text', async (q) => {
    const answer = await ask(q);
    expect(answer.kind).toBe('help');
    expect(renderPlainText(answer)).toMatch(/4\.2\.3/);
  });

  it('cuts a question over 2,000 characters and says so', async () => {
    const answer = await ask(`水資源合作${'很'.repeat(3000)}`);
    expect(answer.question.length).toBe(2000);
    expect(answer.parts.some((p) => p.type === 'note' && p.text.includes('2000'))).toBe(true);
  });

  it('strips control characters from the question', async () => {
    const answer = await ask('水資源\u0000合作\u200B有哪些計畫?');
    expect(answer.question).toBe('水資源合作有哪些計畫?');
    expect(cited(answer)[0]).toBe('4.2.12');
  });

  it('reports the index version and timings', async () => {
    const answer = await ask('數字經濟');
    expect(answer.indexVersion).toBe(core.kb.version);
    expect(answer.timings.totalMs).toBeGreaterThanOrEqual(answer.timings.retrievalMs);
  });
});

describe('follow-ups that only ask for more', () => {
  it('reads "what specifically?" after a topic as a question about that topic', async () => {
    const first = await ask('水資源合作有哪些計畫?');
    const ctx = { previousQuestion: first.question, previousCitations: cited(first) };
    const more = await ask('具體有哪些措施?', ctx);
    expect(more.abstained).toBe(false);
    expect(cited(more)[0]).toBe('4.2.12');
  });

  it('still says so when the follow-up changes to a topic the plan does not cover', async () => {
    const first = await ask('水資源合作有哪些計畫?');
    const other = await ask('明天曼谷天氣如何?', { previousQuestion: first.question, previousCitations: cited(first) });
    expect(other.abstained).toBe(true);
  });
});

describe('which sections are cited', () => {
  it('cites the section about the topic, not the ones that only name it in a list', async () => {
    const answer = await ask('水資源合作有哪些計畫?');
    // §3 and the preamble list 水資源 among the priority areas; §4.2.12 is about it.
    expect(cited(answer)).toEqual(['4.2.12']);
  });

  it('cites one section for each part of a question that spans two', async () => {
    expect(cited(await ask('能源和農業方面有什麼合作?')).sort()).toEqual(['4.2.4', '4.2.5']);
    expect(cited(await ask('公共衛生和災害管理')).sort()).toEqual(['4.1.3.1', '4.1.3.3']);
  });
});
