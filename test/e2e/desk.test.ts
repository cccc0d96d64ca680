import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerAskCommand } from '../../src/app/cli/ask-command.js';
import { registerStatusCommands } from '../../src/app/cli/status-command.js';
import type { ConversationContext } from '../../src/engine/answer/types.js';
import type { QuestionStats } from '../../src/services/questions/log.js';
import { messageId, sayTo, seen, startBotOnFake, testUser, type BotOnFake } from '../helpers/fake-telegram-api.js';
import { openTestBotServices, type TestBotServices } from '../helpers/bot-services.js';
import { runCliInProcess, type CliRun } from '../helpers/run-cli.js';
import { blockText, startSlackHarness, type SlackHarness } from '../helpers/slack-harness.js';

/**
 * Issue 13, the desk: one front door for a question from Telegram, Slack and `planbot ask`,
 * all on one database, so a status question gets the same card everywhere, every question
 * is logged, and a follow-up is remembered by the same rule in every chat.
 */

let tbs: TestBotServices;
let telegram: BotOnFake;
let slack: SlackHarness;

beforeAll(async () => {
  tbs = await openTestBotServices();
  telegram = await startBotOnFake({ services: tbs.services });
  slack = await startSlackHarness({ services: tbs.services });
});

afterAll(async () => {
  await slack?.close();
  await telegram?.stop();
  await tbs?.close();
});

/** The real CLI commands in this process, on the bots' own corpus, index and database. */
function planbot(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const register = (program: Command) => {
    registerAskCommand(program);
    registerStatusCommands(program);
  };
  const settings = { CORPUS_DIR: tbs.corpusDir, INDEXES_DIR: tbs.indexesDir, DATA_DIR: tbs.dataDir, EMBEDDER: 'lexical', LOG_LEVEL: 'warn', TZ: 'UTC' };
  return runCliInProcess(register, { ...settings, ...env }, args);
}

async function questionsToday(): Promise<number> {
  const run = await planbot(['stats', '--json']);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as QuestionStats).today;
}

/** Asks in a Slack DM; resolves with the text of the bot's reply there. */
async function askSlackDm(text: string, channel = 'DDESK'): Promise<string> {
  slack.fake.reset();
  await slack.sender.message({ channel, channel_type: 'im', text });
  const post = await slack.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.params.channel === channel);
  return `${String(post.params.text ?? '')}\n${blockText(post.params.blocks)}`;
}

describe('a status question gets the status card through every front end', () => {
  it('after `planbot status set`, "4.2.12 進展如何?" shows the same card in planbot ask, Telegram and Slack', { timeout: 120_000 }, async () => {
    const set = await planbot(['status', 'set', '4.2.12', 'in_progress', 'owner=水利部', 'due=2027-06-30', '--lang', 'zh-Hant']);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);

    const cli = await planbot(['ask', '4.2.12 進展如何?']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const card = cli.stdout.trim().split('\n');
    expect(card[0]).toBe('§4.2.12 水資源合作');
    expect(card).toEqual(expect.arrayContaining(['狀態: 進行中', '牽頭單位: 水利部', '預計完成: 2027-06-30']));

    const user = testUser();
    const inTelegram = seen(await sayTo(telegram, telegram.fake.privateChat(user), user, '4.2.12 進展如何?'));
    const inSlack = await askSlackDm('4.2.12 進展如何?');
    // Each front end renders the card in its own markup; every line of it is there.
    for (const line of card) expect(inTelegram).toContain(line);
    for (const line of card.slice(1)) expect(inSlack).toContain(line);
    expect(inSlack).toContain('*§4.2.12 水資源合作*');

    const json = await planbot(['ask', '--json', '4.2.12 進展如何?']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'cards', lang: 'zh-Hant', cards: [{ sectionId: '4.2.12' }] });
  });

  it('a question about the plan\'s text still gets the plan\'s text in planbot ask', async () => {
    const run = await planbot(['ask', '4.2.12 說了什麼?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('§4.2.12');
    expect(run.stdout).not.toContain('狀態: 進行中');
  });
});

describe('planbot ask is logged like the bots\' questions', () => {
  it('planbot stats counts a CLI question, and does not with CLI_LOG_QUESTIONS=off', { timeout: 120_000 }, async () => {
    const before = await questionsToday();
    expect((await planbot(['ask', '水資源合作有哪些安排?'])).code).toBe(0);
    expect(await questionsToday()).toBe(before + 1);
    expect((await planbot(['ask', '--json', '4.2.12 進展如何?'])).code).toBe(0);
    expect(await questionsToday()).toBe(before + 2);

    const unlogged = await planbot(['ask', '水資源合作有哪些安排?'], { CLI_LOG_QUESTIONS: 'off' });
    expect(unlogged.code).toBe(0);
    expect(unlogged.stdout).toContain('§');
    expect(await questionsToday()).toBe(before + 2);
  });

  it('a bad CLI_LOG_QUESTIONS stops the command with the setting\'s name', async () => {
    const run = await planbot(['ask', '水資源合作有哪些安排?'], { CLI_LOG_QUESTIONS: 'sometimes' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('CLI_LOG_QUESTIONS');
    expect(run.stdout).toBe('');
  });
});

describe('one follow-up policy in Telegram and Slack', () => {
  const WATER = '水資源合作有哪些安排?';
  const FUNDING = '它的資金從哪裡來?';
  const EVALUATION = '怎麼評估成效?';

  it('a follow-up of a follow-up keeps the topic in both, and a new topic starts afresh', { timeout: 120_000 }, async () => {
    const ask = vi.spyOn(tbs.services.assistant, 'ask'); // observes the real engine, does not replace it
    const contextOf = (question: string): ConversationContext | undefined => ask.mock.calls.findLast((c) => c[0] === question)?.[1];
    try {
      const user = testUser();
      const chat = telegram.fake.privateChat(user);
      const first = await sayTo(telegram, chat, user, WATER);
      const second = await sayTo(telegram, chat, user, FUNDING, { replyTo: messageId(first) });
      await sayTo(telegram, chat, user, EVALUATION, { replyTo: messageId(second) });
      const inTelegram = contextOf(EVALUATION);

      await askSlackDm(WATER, 'DFOLLOW');
      await askSlackDm(FUNDING, 'DFOLLOW');
      await askSlackDm(EVALUATION, 'DFOLLOW');
      const inSlack = contextOf(EVALUATION);

      expect(inTelegram?.previousQuestion).toBe(`${WATER} ${FUNDING}`);
      expect(inSlack).toEqual(inTelegram);

      // "怎麼評估成效?" does not lean on what came before: the next follow-up is about it alone.
      const third = ask.mock.calls.length;
      await askSlackDm('它由誰負責?', 'DFOLLOW');
      expect(ask.mock.calls[third]?.[1]?.previousQuestion).toBe(EVALUATION);
    } finally {
      ask.mockRestore();
    }
  });
});
