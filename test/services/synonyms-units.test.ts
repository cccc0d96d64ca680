import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/engine/index/knowledge-base.js';
import type { QueryExpansion } from '../../src/engine/retrieval/retriever.js';
import { compileSynonyms, taughtExpander } from '../../src/services/synonyms/expander.js';
import { parseSynonymPairs, synonymKey } from '../../src/services/synonyms/parse.js';
import type { TaughtSynonym } from '../../src/services/synonyms/store.js';
import { searchTerms } from '../../src/engine/text/segment.js';

/** The parts of taught synonyms where the logic is subtle: what input means, and which question words a synonym reaches. */

describe('parseSynonymPairs', () => {
  it('reads the forms admins type: spaces or none, full-width =, several targets', () => {
    expect(parseSynonymPairs('颱風 = 災害')).toEqual({ term: '颱風', targets: ['災害'] });
    expect(parseSynonymPairs('颱風=災害')).toEqual({ term: '颱風', targets: ['災害'] });
    expect(parseSynonymPairs('颱風 ＝ 災害')).toEqual({ term: '颱風', targets: ['災害'] });
    expect(parseSynonymPairs('typhoon = 災害')).toEqual({ term: 'typhoon', targets: ['災害'] });
    expect(parseSynonymPairs('颱風 = 災害, 防災')).toEqual({ term: '颱風', targets: ['災害', '防災'] });
    expect(parseSynonymPairs('颱風 = 災害,防災、減災;災害')).toEqual({ term: '颱風', targets: ['災害', '防災', '減災'] });
    expect(parseSynonymPairs('\u200b颱\u0007風  =  災害\n')).toEqual({ term: '颱風', targets: ['災害'] });
  });

  it('refuses what cannot be a synonym, saying why', () => {
    expect(parseSynonymPairs('颱風 災害')).toEqual({ error: 'usage' });
    expect(parseSynonymPairs('a = b = c')).toEqual({ error: 'usage' });
    expect(parseSynonymPairs(' = 災害')).toEqual({ error: 'emptyTerm' });
    expect(parseSynonymPairs('颱風 = , ,')).toEqual({ error: 'emptyTarget' });
    expect(parseSynonymPairs('台风 = 颱風')).toEqual({ error: 'sameWord', word: '颱風' });
    expect(parseSynonymPairs('Port = port')).toEqual({ error: 'sameWord', word: 'port' });
    expect(parseSynonymPairs('的 = 災害')).toEqual({ error: 'noWords', word: '的' });
    expect(parseSynonymPairs('a = 1, 2, 3, 4, 5, 6')).toEqual({ error: 'tooManyTargets', max: 5 });
    expect(parseSynonymPairs(`${'x'.repeat(41)} = 災害`)).toMatchObject({ error: 'tooLong', max: 40 });
  });

  it('keys traditional and simplified spellings alike', () => {
    expect(synonymKey('颱風')).toBe(synonymKey('台风'));
    expect(synonymKey('TyPhoon')).toBe('typhoon');
  });
});

function pair(term: string, target: string): TaughtSynonym {
  return { term, target, termKey: synonymKey(term), targetKey: synonymKey(target), taughtBy: { platform: 'cli', userId: 'x', name: '' }, taughtAt: '2026-01-01T00:00:00.000Z' };
}

function expand(pairs: TaughtSynonym[], question: string): QueryExpansion {
  const compiled = compileSynonyms(pairs);
  const result = taughtExpander(() => compiled)(question, searchTerms(question), {} as KnowledgeBase);
  return result instanceof Map ? { terms: result } : result;
}

describe('the taught-synonym expander', () => {
  it('finds a taught Chinese term in either script, standing in for the question word with full credit, and reports the bridge', () => {
    const expansion = expand([pair('颱風', '災害')], '台风过后怎么重建?');
    expect(expansion.terms.get('灾害')).toBe(1);
    expect(expansion.standsFor?.get('灾害')).toEqual(['台风']);
    expect(expansion.bridges).toEqual([{ from: '台风', to: '災害', via: 'taught', relation: 'synonym' }]);
  });

  it('a word jieba cuts into pieces is replaced whole', () => {
    const question = '颶颱過後怎麼重建?';
    const pieces = searchTerms(question).filter((t) => synonymKey('颶颱').includes(t));
    expect(pieces.length).toBeGreaterThan(0);
    expect(expand([pair('颶颱', '災害')], question).standsFor?.get('灾害')).toEqual(pieces);
  });

  it('matches English terms as whole words in any case, not inside other words', () => {
    expect(expand([pair('port', '口岸')], 'Which PORT projects?').bridges).toEqual([{ from: 'PORT', to: '口岸', via: 'taught', relation: 'synonym' }]);
    expect(expand([pair('port', '口岸')], 'Which projects does the plan support?').terms.size).toBe(0);
    expect(expand([pair('LMDR', '災害管理')], 'lmdr?').standsFor?.get('灾害')).toEqual(['lmdr']);
    expect(expand([pair('typhoon', '災害')], 'After the typhoons?').standsFor?.get('灾害')).toEqual(['typhoon']);
  });

  it('adds nothing for a question without a taught term, and leaves words the question already has alone', () => {
    expect(expand([pair('颱風', '災害')], '水資源合作').terms.size).toBe(0);
    const already = expand([pair('颱風', '災害')], '颱風災害');
    expect(already.terms.has('灾害')).toBe(false);
    expect(already.bridges).toEqual([]);
  });
});
