import type { App } from '@slack/bolt';
import type { Actor } from '../../chat/actor.js';
import { withApology } from './guard.js';
import { escapeMrkdwn, plainTextFromSlack, truncate } from './mrkdwn.js';
import { reloadCommand } from './reload-command.js';
import type { SlackMessage } from './message.js';
import { renderAnswer } from './render-answer.js';
import type { SlackRuntime } from './runtime.js';
import { langOf, st } from './strings.js';
import { helpCommand, matchSubcommand, runSubcommand, type Subcommand } from './subcommands.js';

export const SLASH_COMMAND = '/plan';

/** Sub-commands of /plan; anything else is a question or a section number. Add new ones here. */
export const SUBCOMMANDS: readonly Subcommand[] = [helpCommand, reloadCommand];

/**
 * `/plan <question | section id>`: acknowledged at once (Slack allows 3 seconds),
 * then answered through the response URL, visible only to the asker, with a
 * button that posts the answer to the channel.
 */
export function registerSlashCommand(app: App, rt: SlackRuntime): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const text = plainTextFromSlack(command.text ?? '');
    const lang = langOf(text);
    const actor: Actor = { platform: 'slack', userId: command.user_id, displayName: command.user_name };
    const ephemeral = (m: SlackMessage | { text: string }) => respond({ response_type: 'ephemeral', replace_original: false, ...m });
    await withApology(rt, 'slash command', lang, (t) => ephemeral({ text: t }), async () => {
      if (!text) {
        // Nothing to detect a language from: show the usage in Chinese and English.
        await ephemeral({ text: `${st('usage', 'zh-Hant')}\n${st('usage', 'en')}` });
        return;
      }
      const sub = matchSubcommand(SUBCOMMANDS, text);
      if (sub) {
        await ephemeral({ text: await runSubcommand(sub.command, { rt, actor, args: sub.args, lang }) });
        return;
      }
      const answer = await rt.assistant.ask(text);
      const heading = `*${st('youAsked', lang)}* ${escapeMrkdwn(truncate(text, 500))}`;
      for (const message of renderAnswer(answer, { heading, postable: true })) await ephemeral(message);
      rt.log.info({ kind: answer.kind, sections: answer.citations.map((c) => c.sectionId), ms: Math.round(answer.timings.totalMs) }, 'answered /plan');
    });
  });
}
