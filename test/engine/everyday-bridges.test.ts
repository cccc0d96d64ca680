import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assistant } from '../../src/engine/answer/assistant.js';
import { IndexHolder } from '../../src/engine/index/holder.js';
import { combineExpanders } from '../../src/engine/retrieval/combine-expanders.js';
import { createDictionaryBridge } from '../../src/engine/retrieval/dictionary-bridge.js';
import { createGlossBridge } from '../../src/engine/retrieval/gloss-bridge.js';
import { createSpellingBridge, oneEditApart } from '../../src/engine/retrieval/spelling-bridge.js';
import { createThesaurusBridge } from '../../src/engine/retrieval/thesaurus-bridge.js';
import type { QueryExpansion } from '../../src/engine/retrieval/retriever.js';
import { searchTerms } from '../../src/engine/text/segment.js';
import { isPlaceName } from '../../src/engine/text/word-class.js';
import { CORPUS_DIR, indexCorpus, type TestIndex } from '../helpers/plan-index.js';

let index: TestIndex;
let assistant: Assistant;

beforeAll(async () => {
  index = await indexCorpus(CORPUS_DIR, { assistant: {} });
  const expander = combineExpanders(createThesaurusBridge(), createDictionaryBridge(), createGlossBridge(), createSpellingBridge())!;
  assistant = new Assistant(new IndexHolder(index.kb), { expander });
}, 120_000);

afterAll(async () => {
  await index?.cleanup();
});

function expand(expander: ReturnType<typeof createGlossBridge>, question: string): QueryExpansion {
  return expander(question, searchTerms(question), index.kb) as QueryExpansion;
}

describe('gloss bridge: Chinese words the plan lacks, through CC-CEDICT glosses', () => {
  it('carries a word the plan lacks to a plan word glossed alike, as a loose (related) link it shows', () => {
    expect(index.kb.bm25.has('商量')).toBe(false);
    const expansion = expand(createGlossBridge(), '商量');
    expect(expansion.standsFor?.get('协商')).toEqual(['商量']);
    expect(expansion.bridges).toContainEqual(expect.objectContaining({ from: '商量', to: '协商', via: 'dictionary', relation: 'related' }));
  });

  it('takes no plan word that shares no character with the asker’s (大国 "power" is not 电力 "power")', () => {
    const expansion = expand(createGlossBridge(), '大国');
    expect(expansion.terms.has('电力')).toBe(false);
  });

  it('bridges no negated word (不会 "not able" is no "able") and no word the plan has', () => {
    expect(expand(createGlossBridge(), '不会').terms.size).toBe(0);
    expect(expand(createGlossBridge(), '合作').terms.size).toBe(0);
  });
});

describe('spelling bridge: an English word one typo away from a plan word', () => {
  it('reads a misspelling no dictionary knows as the plan word one edit away', () => {
    const expansion = expand(createSpellingBridge(), 'helth cooperation');
    expect(expansion.standsFor?.get('health')).toEqual(['helth']);
  });

  it('never corrects a real English word', () => {
    expect(expand(createSpellingBridge(), 'wealth').terms.size).toBe(0);
  });

  it('counts one insertion, deletion, substitution or swap as one edit', () => {
    expect(oneEditApart('helth', 'health')).toBe(true);
    expect(oneEditApart('heatlh', 'health')).toBe(true);
    expect(oneEditApart('hexlth', 'health')).toBe(true);
    expect(oneEditApart('hlth', 'health')).toBe(false);
  });
});

describe('places set a question, they are not its topic', () => {
  it('knows a place by jieba and CC-CEDICT together (台风 is tagged a place, but glossed "typhoon")', () => {
    expect(isPlaceName('泰国')).toBe(true);
    expect(isPlaceName('thailand')).toBe(true);
    expect(isPlaceName('台风')).toBe(false);
    expect(isPlaceName('合作')).toBe(false);
  });

  it('declines a question the plan meets only in a place name', async () => {
    for (const question of ['湄公河里有什么鱼好吃?', '泰国和越南的足球比赛谁赢了?']) {
      const answer = await assistant.ask(question);
      expect(answer.confidence, question).toBe('none');
      expect(answer.citations).toEqual([]);
    }
  });

  it('still answers a question about a topic of the plan set in those places', async () => {
    const answer = await assistant.ask('缅甸和老挝在禁毒方面怎么合作?');
    expect(answer.confidence).not.toBe('none');
    expect(answer.citations.slice(0, 3).map((c) => c.sectionId)).toContain('4.1.3.2');
  });
});
