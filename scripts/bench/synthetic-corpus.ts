import { createHash } from 'node:crypto';
import { splitSentences } from '../../src/engine/corpus/chunk.js';
import type { LoadedCorpus } from '../../src/engine/corpus/load.js';
import { parseDocument } from '../../src/engine/corpus/parse.js';

const CHAPTERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * A plan-shaped document of about `sections` sections, written from the seed
 * plan's own sentences recombined (deterministically), for build and search
 * benchmarks at a realistic size.
 */
export function syntheticCorpus(seed: LoadedCorpus, sections: number): LoadedCorpus {
  const sentences = seed.documents.flatMap((d) => d.parsed.sections.flatMap((s) => splitSentences(s.text))).filter((s) => s.length > 8);
  const titles = seed.documents.flatMap((d) => d.parsed.sections.map((s) => s.title));
  let state = 7;
  const pick = <T>(xs: readonly T[]): T => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return xs[state % xs.length]!;
  };
  const perChapter = Math.ceil(sections / CHAPTERS.length);
  const perSub = 10;
  const lines: string[] = ['合成測試文件:由種子計畫的句子重組而成。'];
  let count = 0;
  for (let c = 0; c < CHAPTERS.length && count < sections; c++) {
    lines.push(`${CHAPTERS[c]}、${pick(titles)}`);
    count++;
    for (let s = 1; count < sections && s <= Math.ceil(perChapter / (perSub + 1)); s++) {
      lines.push(`${c + 1}.${s} ${pick(titles)}`);
      count++;
      for (let k = 1; k <= perSub && count < sections; k++) {
        lines.push(`${c + 1}.${s}.${k} ${pick(titles)}。${pick(sentences)}${pick(sentences)}`);
        count++;
      }
    }
  }
  const text = lines.join('\n');
  const parsed = parseDocument(text, { docId: 'synthetic', title: 'Synthetic plan', language: 'zh-Hant' });
  const hash = createHash('sha256').update(text).digest('hex');
  return {
    meta: { cleaning: { dropLines: [] }, documents: [] },
    hash,
    documents: [{ meta: { id: 'synthetic', file: 'synthetic.txt', title: 'Synthetic plan', language: 'zh-Hant', translations: [] }, parsed, translations: [], sha256: hash }],
  };
}
