import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assistant } from '../../src/engine/answer/assistant.js';
import { defaultExpander } from '../../src/app/expander.js';
import { IndexHolder } from '../../src/engine/index/holder.js';
import type { KnowledgeBase } from '../../src/engine/index/knowledge-base.js';
import { THESAURUS_FILE } from '../../src/engine/index/build.js';
import { ReindexService } from '../../src/services/reindex/service.js';
import { createLexicalEmbedder } from '../../src/engine/index/embedders/lexical.js';
import { openKnowledgeBase } from '../../src/engine/index/knowledge-base.js';
import { buildTestIndex, copyCorpus, tempDir } from '../helpers/index-fixture.js';
import { renderPlainText } from '../../src/engine/answer/render-text.js';
import { renderAnswer as renderTelegram } from '../../src/adapters/telegram/render-answer.js';
import { renderAnswer as renderSlack } from '../../src/adapters/slack/render-answer.js';

/** The plan with the small test thesaurus (typhoon → natural disaster → disaster management; vaccine → public health). */
const TEST_THESAURUS = path.resolve(import.meta.dirname, '../fixtures/thesaurus');

let tmp: { dir: string; cleanup: () => Promise<void> };
let corpusDir: string;
let indexesDir: string;
let kb: KnowledgeBase;
let assistant: Assistant;

beforeAll(async () => {
  tmp = await tempDir('planbot-thesaurus-');
  corpusDir = await copyCorpus(path.join(tmp.dir, 'corpus'));
  await rm(path.join(corpusDir, 'thesaurus'), { recursive: true, force: true });
  await cp(TEST_THESAURUS, path.join(corpusDir, 'thesaurus'), { recursive: true });
  indexesDir = path.join(tmp.dir, 'indexes');
  kb = await buildTestIndex(corpusDir, indexesDir);
  assistant = new Assistant(new IndexHolder(kb), { expander: defaultExpander({ DICTIONARY_BRIDGE: true }) });
});
afterAll(() => tmp.cleanup());

describe('questions in everyday words, through the thesaurus', () => {
  it('a specific thing the plan names by its category is answered as related, citing the section and showing the bridge', async () => {
    const answer = await assistant.ask('颱風過後怎麼重建?');
    expect(answer.confidence).toBe('related');
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((c) => c.sectionId)).toContain('4.1.3.3');
    expect(answer.bridges).toContainEqual(expect.objectContaining({ from: '颱風', via: 'thesaurus', relation: 'broader' }));
    const text = answer.parts.map((p) => p.text).join('\n');
    expect(text).toContain('計畫沒有使用您問題中的這些詞語');
    expect(text).toMatch(/颱風 → 災害/);
    // Quotes stay verbatim passages of the cited sections.
    for (const c of answer.citations) expect(kb.section(c.sectionId)!.text).toContain(c.quote);
  });

  it('every front end shows a related answer with its note, the bridge and the cited quotes', async () => {
    const answer = await assistant.ask('颱風過後怎麼重建?');
    const telegram = renderTelegram(answer, kb.primaryDocId).messages.join('\n');
    expect(telegram).toContain('<i>計畫沒有使用您問題中的這些詞語');
    expect(telegram).toMatch(/<i>按計畫的用語理解為:颱風 → 災害/);
    expect(telegram).toContain('§4.1.3.3');
    const slack = JSON.stringify(renderSlack(answer));
    expect(slack).toMatch(/:information_source: 按計畫的用語理解為:颱風 → 災害/);
    expect(slack).toContain('§4.1.3.3');
    const plain = renderPlainText(answer);
    expect(plain).toMatch(/^\(計畫沒有使用您問題中的這些詞語/);
    expect(plain).toContain('(§4.1.3.3 災害管理合作)');
  });

  it('English questions use the same concepts: vaccines → public health', async () => {
    const answer = await assistant.ask('Is there cooperation on vaccines?');
    expect(answer.confidence).toBe('related');
    expect(answer.citations[0]!.sectionId).toBe('4.1.3.1');
    expect(answer.bridges).toContainEqual(expect.objectContaining({ from: 'vaccines', relation: 'broader' }));
    expect(answer.parts.map((p) => p.text).join('\n')).toContain("Read in the plan's words as: vaccines → public health");
  });

  it('a question in the plan\'s own words is an answer, with no bridge shown', async () => {
    const answer = await assistant.ask('災害管理有哪些合作?');
    expect(answer).toMatchObject({ confidence: 'answer', abstained: false });
    expect(answer.citations[0]!.sectionId).toBe('4.1.3.3');
    expect(answer.parts.map((p) => p.text).join('\n')).not.toContain('→');
  });

  it('word-sense traps end in none, with no bridge', async () => {
    for (const q of ['What is the capital of Australia?', 'What are the moons of Jupiter?']) {
      const answer = await assistant.ask(q);
      expect(answer, q).toMatchObject({ confidence: 'none', abstained: true, citations: [] });
      expect(answer.bridges, q).toBeUndefined();
    }
  });

  it('an unknown everyday word beside plan words that cover most of the question is a detail; an unknown proper name is a topic of its own', async () => {
    // 修鐵路 (build railways) is no word of the plan or of any dictionary; 公路 and 合作 are the plan's.
    const roads = await assistant.ask('修鐵路、建公路的合作');
    expect(roads).toMatchObject({ confidence: 'answer', abstained: false });
    expect(roads.citations[0]!.sectionId).toBe('4.2.1');
    // An acronym the plan lacks often abbreviates its own topic.
    expect((await assistant.ask('TV台和廣播電視的合作')).citations[0]?.sectionId).toBe('4.3.4');
    // Saturn is a name: satellites (衛星, §4.2.8) alone do not make the question the plan's.
    expect(await assistant.ask('How many satellites does Saturn have?')).toMatchObject({ confidence: 'none', abstained: true, citations: [] });
  });

  it('an English label inside a Chinese question is bridged like the same word on its own', async () => {
    const answer = await assistant.ask('vaccine方面有合作嗎?');
    expect(answer.confidence).toBe('related');
    expect(answer.citations[0]!.sectionId).toBe('4.1.3.1');
    expect(answer.bridges).toContainEqual(expect.objectContaining({ from: 'vaccine', relation: 'broader' }));
  });

  it('a personal question that meets the plan only in a place or one word of another sense is declined', async () => {
    // The Mekong is where the whole plan is set (as 湄公河 is): it anchors no topic.
    // "dog" names a thing of its own the plan does not know; medicine alone does not make the question the plan's.
    for (const q of ['Where can I buy grilled Mekong catfish?', 'What medicine should I give my dog?']) {
      expect(await assistant.ask(q), q).toMatchObject({ confidence: 'none', abstained: true, citations: [] });
    }
  });

  it('greetings and thanks get a hello and what PlanBot does, not a refusal or a search', async () => {
    for (const q of ['你好', '您好!', 'hi', 'Hello PlanBot', '謝謝', 'thanks!', '早安']) {
      const answer = await assistant.ask(q);
      expect(answer, q).toMatchObject({ kind: 'help', confidence: 'answer', abstained: false, citations: [], suggestions: [] });
      expect(answer.parts[0]!.text, q).toMatch(/您好|Hello/);
    }
    // A question that starts with a greeting is still a question.
    expect((await assistant.ask('你好,水資源合作有哪些計畫?')).citations[0]!.sectionId).toBe('4.2.12');
  });
});

describe('the thesaurus is versioned with the index', () => {
  it('the build stores it with its hash, and the KnowledgeBase exposes it', async () => {
    expect(kb.manifest.thesaurus).toMatchObject({ concepts: 6, labels: 44 });
    expect(kb.manifest.files[THESAURUS_FILE]).toBeDefined();
    expect(kb.thesaurus.concepts.map((c) => c.id)).toContain('typhoon');
  });

  it('an edit shows in the dry run, is picked up by the next build, and a rollback gives back the older thesaurus', async () => {
    const service = new ReindexService({ corpusDir, indexesDir, embedder: createLexicalEmbedder() });
    const file = path.join(corpusDir, 'thesaurus', 'health.yml');
    const before = await readFile(file, 'utf8');
    await writeFile(file, `${before}  - id: malaria\n    pref: { zh-Hant: 瘧疾, zh-Hans: 疟疾, en: malaria }\n    broader: [public-health]\n`);
    const preview = await service.previewRebuild();
    expect(preview.unchanged).toBe(false);
    expect(preview.notes).toContain('The thesaurus changed: 7 concepts, 47 labels (was 6 concepts, 44 labels).');
    const report = await service.confirm(preview.id);
    const rebuilt = await openKnowledgeBase({ indexesDir, embedder: createLexicalEmbedder(), version: report.version });
    expect(rebuilt.thesaurus.concepts.map((c) => c.id)).toContain('malaria');

    await service.rollback();
    const back = await openKnowledgeBase({ indexesDir, embedder: createLexicalEmbedder() });
    expect(back.thesaurus.concepts.map((c) => c.id)).not.toContain('malaria');
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('a thesaurus with errors stops the build with a message naming them', async () => {
    const bad = await tempDir('planbot-thesaurus-bad-');
    try {
      const dir = await copyCorpus(path.join(bad.dir, 'corpus'));
      await rm(path.join(dir, 'thesaurus'), { recursive: true, force: true });
      await cp(TEST_THESAURUS, path.join(dir, 'thesaurus'), { recursive: true });
      await writeFile(path.join(dir, 'thesaurus', 'zz.yaml'), 'concepts:\n  - id: typhoon\n    pref: { zh-Hant: 颱風, zh-Hans: 台风, en: typhoon }\n');
      await expect(buildTestIndex(dir, path.join(bad.dir, 'indexes'))).rejects.toThrow(/zz\.yaml: concept "typhoon" id: is used twice.*planbot thesaurus check/s);
    } finally {
      await bad.cleanup();
    }
  });
});
