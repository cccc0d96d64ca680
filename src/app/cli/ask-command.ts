import type { Command } from 'commander';
import { renderPlainText } from '../../engine/answer/render-text.js';
import type { DeskAnswer } from '../../services/desk/desk.js';
import { Permissions } from '../../services/access/permissions.js';
import { cliActor } from './actor.js';
import { openCli } from './context.js';

/**
 * `planbot ask`: one question through the desk, like a Telegram or Slack message — a progress
 * question ("4.2.12 進展如何?") gets the status card, anything else the Assistant's answer, and
 * the question is logged for `planbot stats` unless CLI_LOG_QUESTIONS=off. A database that
 * cannot be opened does not stop the answer (degraded mode: the log line says what is wrong).
 */
export function registerAskCommand(program: Command): void {
  program
    .command('ask')
    .description('answer one question (logged for planbot stats unless CLI_LOG_QUESTIONS=off)')
    .argument('<question...>', 'the question')
    .option('--json', 'print the Answer value (for a progress question: the status reply) as JSON')
    .action(async (words: string[], opts: { json?: boolean }) => {
      const question = words.join(' ').trim();
      if (!question) throw new Error('The question is empty. Put it after ask, e.g. planbot ask "水資源合作有哪些計畫?"');
      const ctx = await openCli({ quiet: true, taughtSynonyms: true });
      // The database driver loads when a command needs it (main.ts): here, once the index is open.
      const { openDeskOrDegraded } = await import('../degraded.js');
      const deps = { knowledge: ctx.holder, permissions: Permissions.fromSettings(ctx.settings), log: ctx.log, logQuestions: ctx.settings.CLI_LOG_QUESTIONS };
      const desk = await openDeskOrDegraded(ctx.settings, deps, { startRetention: false });
      try {
        print(await desk.ask(ctx.assistant, cliActor(), question), Boolean(opts.json));
      } finally {
        await desk.close();
      }
    });
}

function print(answered: DeskAnswer, json: boolean): void {
  if (answered.type === 'answer') {
    process.stdout.write(json ? `${JSON.stringify(answered.answer, null, 2)}\n` : `${renderPlainText(answered.answer)}\n`);
    return;
  }
  const { reply } = answered;
  const failed = reply.kind === 'error' || reply.kind === 'refused';
  (failed ? process.stderr : process.stdout).write(json && !failed ? `${JSON.stringify(reply, null, 2)}\n` : `${reply.text}\n`);
  if (failed) process.exitCode = 1;
}
