import type { App } from '@slack/bolt';
import type { Actor } from '../../services/access/actor.js';
import { withApology } from './guard.js';
import { aboutCommand, docsCommand, helpCommand, sectionCommand, tocCommand } from './info-commands.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn, plainTextFromSlack, truncate } from './mrkdwn.js';
import { changesCommand, reindexCommand, rollbackCommand, versionsCommand } from './reindex-commands.js';
import { renderDeskAnswer } from './render-desk-answer.js';
import type { SlackRuntime } from './runtime.js';
import { historyCommand, setStatusCommand, statsCommand, statusCommand, synonymCommand } from './status-commands.js';
import { langOf, st } from './strings.js';
import { matchSubcommand, runSubcommand, type Subcommand } from './subcommands.js';
import { wellFormedDeep } from '../../engine/text/well-formed.js';

export const SLASH_COMMAND = '/plan';

/** Sub-commands of /plan; anything else is a question or a section number. Add new ones here. */
const SUBCOMMANDS: readonly Subcommand[] = [
  helpCommand,
  aboutCommand,
  tocCommand,
  docsCommand,
  sectionCommand,
  statusCommand,
  historyCommand,
  setStatusCommand,
  statsCommand,
  synonymCommand,
  reindexCommand,
  rollbackCommand,
  changesCommand,
  versionsCommand,
];

/**
 * `/plan <question | section id | sub-command>`: acknowledged at once (Slack allows
 * 3 seconds), then answered through the response URL, visible only to the asker.
 * Questions go through Desk (status cards for progress questions, logged, with
 * 👍/👎) and get a button that posts the answer to the channel. Not streamed: a
 * response URL takes only five messages.
 */
export function registerSlashCommand(app: App, rt: SlackRuntime): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const text = plainTextFromSlack(command.text ?? '');
    const lang = langOf(text);
    const actor: Actor = { platform: 'slack', userId: command.user_id, displayName: command.user_name };
    const ephemeral = (m: SlackMessage | { text: string }) => respond(wellFormedDeep({ response_type: 'ephemeral' as const, replace_original: false, ...m }));
    await withApology(rt, 'slash command', lang, (t) => ephemeral({ text: t }), async () => {
      if (!text) {
        // Nothing to detect a language from: show the usage in Chinese and English.
        await ephemeral({ text: `${st('usage', 'zh-Hant')}\n\n${st('usage', 'en')}` });
        return;
      }
      const sub = matchSubcommand(SUBCOMMANDS, text);
      if (sub) {
        const reply = await runSubcommand(sub.command, { rt, actor, args: sub.args, lang });
        if (typeof reply === 'string') await ephemeral({ text: reply });
        else for (const m of reply) await ephemeral(m);
        return;
      }
      const { assistant, desk } = rt.services;
      const answered = await desk.ask(assistant, actor, text);
      const heading = `*${st('youAsked', lang)}* ${escapeMrkdwn(truncate(text, 500))}`;
      for (const message of renderDeskAnswer(answered, text, { heading, postable: true })) await ephemeral(message);
      rt.log.info({ type: answered.type, ...(answered.type === 'answer' ? { kind: answered.answer.kind, ms: Math.round(answered.answer.timings.totalMs) } : {}) }, 'answered /plan');
    });
  });
}
