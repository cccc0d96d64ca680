import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, type CliRun } from '../helpers/run-cli.js';
import type { Answer } from '../../src/engine/answer/types.js';
import { openCli } from '../../src/app/cli/context.js';
import { registerSynonymCommands } from '../../src/app/cli/synonym-command.js';
import { sy } from '../../src/services/synonyms/strings.js';
import { openTestBotServices, type TestBotServices } from '../helpers/bot-services.js';

/**
 * Issue 11, item 3 from the CLI: `planbot synonym add|list|remove|export` on the database
 * of a running bot. The bot (real BotServices) sees a synonym the CLI taught within
 * seconds, without re-indexing or a restart.
 */

let bot: TestBotServices;
let env: Record<string, string>;

// 颶颱 is an invented word and 怎麼辦 only asks what to do: nothing else in the question leads to a section
// (重建 in '颶颱過後怎麼重建?' alone now finds §4.1.3.3), so only the taught synonym can answer it.
const QUESTION = '颶颱怎麼辦?';
const USER = { platform: 'telegram', userId: '42' } as const;

beforeAll(async () => {
  bot = await openTestBotServices({ env: { INDEX_WATCH_MS: '250' } });
  env = { DATA_DIR: bot.dataDir, INDEXES_DIR: bot.indexesDir, CORPUS_DIR: bot.corpusDir, EMBEDDER: 'lexical', LOG_LEVEL: 'silent', TZ: 'UTC' };
});

afterAll(async () => {
  await bot?.close();
});

type Run = CliRun;

/** The CLI's synonym commands in this process, reading settings from process.env like the real CLI. */
function planbot(...args: string[]): Promise<Run> {
  return runCliInProcess(registerSynonymCommands, env, args);
}

/** Asks the running bot's Assistant through Desk, as a chat message would (and logs it). */
async function askBot(question: string): Promise<Answer> {
  const answered = await bot.services.desk.ask(bot.services.assistant, USER, question);
  if (answered.type !== 'answer') throw new Error('expected an answer');
  return answered.answer;
}

async function answeredWithin(ms: number): Promise<Answer> {
  const until = Date.now() + ms;
  for (;;) {
    const answer = await askBot(QUESTION);
    if (!answer.abstained || Date.now() > until) return answer;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('planbot synonym', () => {
  it('add: a question the running bot refused is answered by it within seconds, and the reply reports the replay', { timeout: 60_000 }, async () => {
    expect((await askBot(QUESTION)).abstained).toBe(true);
    expect((await askBot('火星上有水嗎?')).abstained).toBe(true);
    // Let the log rows land before the CLI reads them from its own connection.
    await new Promise((r) => setTimeout(r, 200));

    const run = await planbot('synonym', 'add', '颶颱', '=', '災害,', '防災');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(sy('added', 'en', { pairs: '颶颱 = 災害, 防災', term: '颶颱' }));
    expect(run.stdout).toContain(`${sy('replaySummary', 'en', { n: 1, total: 2 })}:`);
    expect(run.stdout).toContain(`• ${QUESTION} → §4.1.3.3 災害管理合作`);

    const answer = await answeredWithin(5_000);
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.sectionId).toBe('4.1.3.3');
    expect(bot.kb().section('4.1.3.3')!.text).toContain(answer.citations[0]!.quote);
  });

  it('list shows the pairs with who taught them; remove takes one away', { timeout: 60_000 }, async () => {
    const list = await planbot('synonym', 'list');
    expect(list.stdout).toContain(sy('listTitle', 'en', { n: 2 }));
    expect(list.stdout).toMatch(/• 颶颱 = 災害 — .+ \(cli\), \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)/);
    expect(list.stdout).toContain('• 颶颱 = 防災');
    const removed = await planbot('synonym', 'remove', '颶颱 = 防災');
    expect(removed.stdout).toContain(sy('removed', 'en', { pairs: '颶颱 = 防災' }));
    expect((await bot.services.synonyms.taught.store.list()).map((s) => s.target)).toEqual(['災害']);
  });

  it('invalid input exits 1 with the reason, writing nothing', { timeout: 60_000 }, async () => {
    const run = await planbot('synonym', 'add', '颶颱', '=', '颶颱');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(sy('sameWord', 'en', { word: '颶颱' }));
    const noTarget = await planbot('synonym', 'add', 'typhoon', '=', 'quasar');
    expect(noTarget.code).toBe(1);
    expect(noTarget.stderr).toContain(sy('notInPlan', 'en', { word: 'quasar' }));
    expect(await bot.services.synonyms.taught.store.list()).toHaveLength(1);
  });

  it('planbot ask and chat answer with the taught synonyms too (read once at start)', { timeout: 60_000 }, async () => {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      const ctx = await openCli({ quiet: true, buildIfMissing: false, taughtSynonyms: true });
      expect((await ctx.assistant.ask(QUESTION)).citations[0]?.sectionId).toBe('4.1.3.3');
      // eval (no taughtSynonyms) measures the engine alone.
      const engineOnly = await openCli({ quiet: true, buildIfMissing: false });
      expect((await engineOnly.assistant.ask(QUESTION)).abstained).toBe(true);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('export writes thesaurus YAML for review, and does not overwrite without --force', { timeout: 60_000 }, async () => {
    await planbot('synonym', 'add', 'TYPH = 災害');
    const file = path.join(bot.corpusDir, 'thesaurus', 'taught.yaml');
    const run = await planbot('synonym', 'export');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote 2 taught synonym(s) as 1 concept(s) to ${file}`);
    const yaml = await readFile(file, 'utf8');
    expect(yaml).toMatch(/^# Synonyms taught by PlanBot admins/);
    expect(yaml).toContain('NEEDS REVIEW');
    expect(yaml).toContain('  - id: taught-1\n    pref: { zh-Hant: "災害", zh-Hans: "灾害", en: "災害" }\n    alt: { zh-Hant: ["颶颱"], zh-Hans: ["飓台"], en: ["TYPH"] }\n');

    await writeFile(file, 'edited by hand\n');
    const again = await planbot('synonym', 'export');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists; add --force to overwrite it.');
    expect(await readFile(file, 'utf8')).toBe('edited by hand\n');
    expect((await planbot('synonym', 'export', '--force')).code).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('taught-1');
  });
});
