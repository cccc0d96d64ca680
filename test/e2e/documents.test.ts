import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/engine/answer/render-text.js';
import type { Answer } from '../../src/engine/answer/types.js';
import { parseCorpusMeta } from '../../src/engine/corpus/metadata.js';
import { tempDir } from '../helpers/index-fixture.js';
import { copyCorpusWithMinutes, MINUTES_ID, MINUTES_TITLE } from '../helpers/minutes-corpus.js';
import { createTestAssistant, type TestAssistant } from '../helpers/test-assistant.js';

// An admin has added meeting minutes next to the plan: every citation names its document.
const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/planbot.js');
const PLAN_TITLE = '瀾湄合作五年行動計畫(2023-2027)';

let dir: string;
let cleanup: () => Promise<void>;
let ta: TestAssistant;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('planbot-docs-'));
  const corpusDir = await copyCorpusWithMinutes(path.join(dir, 'corpus'));
  ta = await createTestAssistant({ corpusDir });
  env = { ...process.env, CORPUS_DIR: corpusDir, INDEXES_DIR: path.join(dir, 'indexes'), DATA_DIR: path.join(dir, 'data'), EMBEDDER: 'lexical', LOG_LEVEL: 'warn' };
  for (const key of ['TELEGRAM_BOT_TOKEN', 'SLACK_BOT_TOKEN', 'OPENAI_API_KEY']) delete env[key];
});
afterAll(async () => {
  await ta?.cleanup();
  await cleanup?.();
});

async function planbot(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args], { env, cwd: dir, timeout: 60_000 });
  return stdout;
}

const cited = (a: Answer) => a.citations.map((c) => `${c.docId}:${c.sectionId}`);

describe('a corpus with two documents', () => {
  it('names the document of every citation', async () => {
    const answer = await ta.assistant.ask('水文數據多久交換一次?');
    expect(cited(answer)[0]).toBe(`${MINUTES_ID}:2.1`);
    expect(answer.citations[0]).toMatchObject({ docTitle: MINUTES_TITLE, label: `《${MINUTES_TITLE}》§2.1 水文數據交換`, ref: 'minutes:2.1' });
    const text = renderPlainText(answer);
    expect(text).toContain(`根據《${MINUTES_TITLE}》:`);
    expect(text).not.toContain('根據計畫');
  });

  it('keeps two documents apart in one answer, each under its own name', async () => {
    const answer = await ta.assistant.ask('水資源合作部長級會議和汛期水文數據交換');
    const docs = new Set(answer.citations.map((c) => c.docId));
    expect(docs.size).toBe(2);
    const intros = answer.parts.flatMap((p, i) => (p.type === 'text' && p.text.startsWith('根據《') ? [{ i, text: p.text }] : []));
    expect(intros.map((x) => x.text).sort()).toEqual([`根據《${MINUTES_TITLE}》:`, `根據《${PLAN_TITLE}》:`].sort());
    // Each quote follows the intro naming its own document.
    answer.parts.forEach((p, i) => {
      if (p.type !== 'quote') return;
      const intro = intros.filter((x) => x.i < i).at(-1)!;
      expect(intro.text).toContain(p.docId === MINUTES_ID ? MINUTES_TITLE : PLAN_TITLE);
    });
  });

  it('a question naming minutes:2.1 is answered with that section, whole', async () => {
    const answer = await ta.assistant.ask('minutes:2.1 講了什麼?');
    expect(answer.kind).toBe('section');
    expect(cited(answer)).toEqual([`${MINUTES_ID}:2.1`]);
    expect(answer.citations[0]!.quote).toBe(ta.kb.section('2.1', MINUTES_ID)!.text);
    expect(renderPlainText(answer)).toContain(`《${MINUTES_TITLE}》原文:`);
  });

  it('corpus.json refuses an alias or id that would name two documents', () => {
    const doc = (id: string, alias?: string) => ({ id, file: `${id}.txt`, title: id, language: 'zh-Hant', ...(alias ? { alias } : {}) });
    expect(() => parseCorpusMeta(JSON.stringify({ documents: [doc('plan-2023', 'minutes'), doc('minutes')] }), 'corpus.json')).toThrow(
      'corpus.json: "minutes" names two documents (plan-2023 and minutes); document ids and aliases must be unique.',
    );
    expect(() => parseCorpusMeta(JSON.stringify({ documents: [doc('a'), doc('a')] }), 'corpus.json')).toThrow('the document id "a" is listed twice');
    expect(parseCorpusMeta(JSON.stringify({ documents: [doc('plan', 'plan'), doc('minutes', 'm')] }), 'corpus.json').documents).toHaveLength(2);
  });

  it('planbot docs lists both documents with title, language, version date and section count', async () => {
    const out = await planbot('docs');
    expect(out).toContain('Lancang-Mekong Cooperation Five-Year Plan of Action (2023-2027) (ref plan; zh-Hant; version of 2023-12-25; 41 sections)');
    expect(out).toMatch(/Minutes of the LMC Foreign Ministers’ Meeting \(2024\) \(ref minutes; zh-Hant; version of 2024-08-15; 7 sections\)/);
  });

  it('planbot section takes a document; an id only in another document is found with a note', async () => {
    const named = await planbot('section', 'minutes:1.2');
    expect(named).toMatch(new RegExp(`^《${MINUTES_TITLE.replace(/[()]/g, '\\$&')}》§1\\.2 出席人員\\n出席人員。六國外長`));
    const elsewhere = await planbot('section', '2.1');
    expect(elsewhere).toContain('The main document has no section 2.1; this is section 2.1 of Minutes of the LMC');
    expect(elsewhere).toContain('汛期水文數據');
    const plan = await planbot('section', 'plan:4.2.3');
    expect(plan).toContain('§4.2.3 貿易投資便利化');
    // An unknown document is an error: the message on stderr, exit code 1.
    const unknown = await run(process.execPath, [BIN, 'section', 'nosuchdoc:1.2'], { env, cwd: dir, timeout: 60_000 }).catch((err: { code: number; stderr: string }) => err);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('There is no document "nosuchdoc". Documents: plan, minutes') });
  });

  it('ask --json gives every citation its docTitle, and a preamble citation "preamble": true', async () => {
    const minutes = JSON.parse(await planbot('ask', '--json', '跨境電商培訓多少人次?')) as Answer;
    expect(minutes.citations[0]).toMatchObject({ docId: MINUTES_ID, sectionId: '2.2', docTitle: MINUTES_TITLE });
    const news = JSON.parse(await planbot('ask', '--json', '李強和敏昂萊共同主持了什麼會議?')) as Answer;
    expect(news.citations[0]).toMatchObject({ sectionId: '0', preamble: true, docTitle: PLAN_TITLE });
    for (const c of [...minutes.citations, ...news.citations]) expect(typeof c.docTitle).toBe('string');
    expect(news.citations.filter((c) => c.sectionId !== '0').every((c) => c.preamble === undefined)).toBe(true);
  });
});
