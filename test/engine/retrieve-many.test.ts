import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Retriever } from '../../src/engine/retrieval/retriever.js';
import { openLlmTestKnowledge, type LlmTestKnowledge } from '../helpers/llm-knowledge.js';

describe('Retriever.retrieveMany (multi-query fusion)', () => {
  let knowledge: LlmTestKnowledge;
  let retriever: Retriever;

  beforeAll(async () => {
    knowledge = await openLlmTestKnowledge();
    retriever = new Retriever(knowledge.holder.current());
  });
  afterAll(async () => {
    await knowledge?.cleanup();
  });

  it('with one distinct query is plain retrieve()', async () => {
    const one = await retriever.retrieve('資金支持', { limit: 5 });
    const many = await retriever.retrieveMany(['資金支持', ' 資金支持 ', ''], { limit: 5 });
    expect(many).toEqual(one);
  });

  it('lets a Chinese phrasing find what the English one misses, with its coverage', async () => {
    const english = await retriever.retrieve('How do little firms join worldwide supply networks?', { limit: 5 });
    expect(english.results[0]!.section.id).not.toBe('4.2.10');
    expect(english.coverage).toBeLessThan(0.4);
    const fused = await retriever.retrieveMany(['How do little firms join worldwide supply networks?', '中小企業 全球價值鏈'], { limit: 5 });
    expect(fused.mode).toBe('search');
    expect(fused.results[0]!.section.id).toBe('4.2.10');
    expect(fused.coverage).toBeGreaterThan(0.8);
    expect(fused.terms).toEqual(expect.arrayContaining(['中小企业', 'firm']));
  });

  it('answers by number when the question itself names a section', async () => {
    const fused = await retriever.retrieveMany(['What does 4.2.3 say?', '中小企業'], { limit: 5 });
    expect(fused.mode).toBe('reference');
    expect(fused.results.map((r) => r.section.id)).toEqual(['4.2.3']);
  });
});
