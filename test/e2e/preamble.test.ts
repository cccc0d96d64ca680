import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/engine/answer/render-text.js';
import type { Answer } from '../../src/engine/answer/types.js';
import { defaultExpander } from '../../src/app/expander.js';
import { sectionView } from '../../src/adapters/shared/views.js';
import { buildCoreIndex, type CoreIndex } from '../helpers/core-index.js';

// The plan file opens with a news article about another document (the Ministry of Commerce's
// cross-border economic cooperation plan). Users must never read it as the plan itself.
let core: CoreIndex;
beforeAll(async () => {
  core = await buildCoreIndex({ expander: defaultExpander({ DICTIONARY_BRIDGE: true }) });
});
afterAll(async () => core.cleanup());

const ask = (q: string) => core.assistant.ask(q);
const cited = (a: Answer) => a.citations.map((c) => c.sectionId);
const ABOUT_ZH = '《瀾湄國家跨境經濟合作五年發展規劃(2023-2027)》';

describe('the news article before chapter 一', () => {
  it('ranks a plan section that answers the question above it', async () => {
    const en = await ask('How often do the leaders meet?');
    expect(cited(en)[0]).toBe('4.1.1');
    const zh = await ask('領導人會議多久開一次?');
    expect(cited(zh)[0]).toBe('4.1.1');
  });

  it('is quoted when only it holds the answer, as the news article about the other document', async () => {
    const answer = await ask('李強和敏昂萊共同主持了什麼會議?');
    expect(cited(answer)).toEqual(['0']);
    const text = renderPlainText(answer);
    expect(text).toContain(`據隨計畫發布的新聞稿(關於${ABOUT_ZH}):`);
    expect(text).toContain('(隨計畫發布的新聞稿)');
    expect(text).not.toContain('根據計畫');
    expect(text).not.toContain('§0');
    expect(answer.citations[0]).toMatchObject({ preamble: true, label: '隨計畫發布的新聞稿', docTitle: '瀾湄合作五年行動計畫(2023-2027)' });
  });

  it.each([
    ['物流和快遞', 'zh-Hant'],
    ['哪個部門牽頭?', 'zh-Hant'],
  ])('%s: a statement found only in the article is presented as the article’s, never as the plan’s', async (question) => {
    const answer = await ask(question);
    const text = renderPlainText(answer);
    expect(text).not.toMatch(/根據計畫:\n• 「[^」]*(《規劃》|商務部)/);
    if (cited(answer).includes('0')) expect(text).toContain('據隨計畫發布的新聞稿');
  });

  it('presents 商務部牽頭 as the news article’s statement', async () => {
    const answer = await ask('哪個部門牽頭?');
    const text = renderPlainText(answer);
    expect(text).toMatch(new RegExp(`據隨計畫發布的新聞稿\\(關於${ABOUT_ZH.replace(/[()]/g, '\\$&')}\\):\\n• 「[^」]*商務部牽頭`));
  });

  it('/section 0 is headed as the news article and names the document it is about', () => {
    expect(sectionView(core.assistant, '0', 'zh-Hant')!.label).toBe(`隨計畫發布的新聞稿(關於${ABOUT_ZH})`);
    expect(sectionView(core.assistant, '前言', 'en')!.label).toBe("News article published with the plan (about the Lancang-Mekong Countries' Cross-border Economic Cooperation Five-Year Development Plan (2023-2027))");
  });

  it('keeps plan quotes and the article apart when both are cited, in the asker’s script and in English', async () => {
    const hans = await ask('李强和敏昂莱共同主持了什么会议?');
    expect(renderPlainText(hans)).toContain('据随计划发布的新闻稿(关于《澜湄国家跨境经济合作五年发展规划(2023-2027)》):');
    const en = await ask("Which leaders attended the fourth leaders' meeting?");
    expect(cited(en)[0]).toBe('0');
    const text = renderPlainText(en);
    expect(text).toContain('The news article published with the plan (about the Lancang-Mekong Countries');
    expect(text).not.toMatch(/According to the plan:\n• 「On the afternoon/);
    const planPart = en.parts.findIndex((p) => p.type === 'text' && p.text === 'According to the plan:');
    const newsPart = en.parts.findIndex((p) => p.type === 'text' && p.text.startsWith('The news article'));
    // Every quote sits under the intro of its own source.
    en.parts.forEach((p, i) => {
      if (p.type !== 'quote') return;
      const intro = p.sectionId === '0' ? newsPart : planPart;
      expect(intro).toBeGreaterThanOrEqual(0);
      expect(intro).toBeLessThan(i);
      const otherIntro = p.sectionId === '0' ? planPart : newsPart;
      expect(otherIntro < intro || otherIntro > i).toBe(true);
    });
  });
});
