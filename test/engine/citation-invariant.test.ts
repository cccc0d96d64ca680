import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/engine/answer/types.js';
import { buildCoreIndex, type CoreIndex } from '../helpers/core-index.js';

let core: CoreIndex;
beforeAll(async () => {
  core = await buildCoreIndex();
});
afterAll(async () => core.cleanup());

/** A deterministic pseudo-random generator, so a failure can be reproduced. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Questions of many shapes made from the plan itself, from both translations, and from noise. */
function generateQuestions(core: CoreIndex, count: number): string[] {
  const rand = rng(20231225);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sections = core.kb.sections();
  const shapes: (() => string)[] = [
    () => `${pick(sections).title}有哪些安排?`,
    () => {
      const text = pick(sections).text;
      const start = Math.floor(rand() * Math.max(1, text.length - 12));
      return text.slice(start, start + 4 + Math.floor(rand() * 12));
    },
    () => `${pick(sections).title}和${pick(sections).title}`,
    () => {
      const t = core.kb.translation(pick(sections).id, 'en');
      return t ? `What does the plan say about ${t.title.toLowerCase()}?` : 'water';
    },
    () => `${pick(sections).id} 講的是什麼?`,
    () => Array.from({ length: 6 }, () => String.fromCharCode(0x4e00 + Math.floor(rand() * 0x5000))).join(''),
    () => `section ${pick(sections).id} and ${pick(['water', 'trade', 'tourism', 'fraud', 'money'])}`,
    () => pick(['它的資金從哪裡來?', '這個呢?', 'and the rest?', '😀 水資源', '<b>&amp;</b>']),
  ];
  return Array.from({ length: count }, () => pick(shapes)());
}

function checkInvariant(answer: Answer, core: CoreIndex): void {
  for (const c of [...answer.citations, ...answer.suggestions]) {
    const section = core.kb.section(c.sectionId, c.docId);
    expect(section, `cited §${c.sectionId} exists`).toBeDefined();
    expect(section!.text.includes(c.quote), `quote of §${c.sectionId} is verbatim: ${c.quote}`).toBe(true);
    if (c.translation) {
      const t = core.kb.translation(c.sectionId, c.translation.language, c.docId)!;
      expect(`${t.title}\n${t.text}`.includes(c.translation.quote)).toBe(true);
    }
  }
  for (const part of answer.parts) {
    if (part.type !== 'quote') continue;
    expect(answer.citations.some((c) => c.sectionId === part.sectionId), `quoted §${part.sectionId} is cited`).toBe(true);
  }
  if (answer.abstained) expect(answer.citations).toEqual([]);
}

describe('citation invariant', () => {
  it('holds for 600 generated questions: every cited id exists and every quote is verbatim from that section', async () => {
    const questions = generateQuestions(core, 600);
    let answered = 0;
    for (const q of questions) {
      const answer = await core.assistant.ask(q);
      checkInvariant(answer, core);
      if (answer.citations.length > 0) answered++;
    }
    // The generator must exercise real answers, not only abstentions.
    expect(answered).toBeGreaterThan(300);
  });

  it('holds for follow-ups carrying context', async () => {
    const first = await core.assistant.ask('水資源合作有哪些計畫?');
    for (const q of ['它的資金從哪裡來?', '這個什麼時候開始?', 'and who leads it?', '其他國家呢?']) {
      checkInvariant(await core.assistant.ask(q, { previousQuestion: first.question, previousCitations: first.citations.map((c) => c.sectionId) }), core);
    }
  });
});
