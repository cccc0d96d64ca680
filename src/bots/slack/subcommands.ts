import type { ReplyLang } from '../../answer/strings.js';
import type { Actor } from '../../chat/actor.js';
import type { SlackRuntime } from './runtime.js';
import { st } from './strings.js';

export interface SubcommandContext {
  rt: SlackRuntime;
  actor: Actor;
  /** Text after the sub-command's name. */
  args: string;
  lang: ReplyLang;
}

/**
 * A word after /plan that is a command rather than a question. Admin-only
 * commands are refused through the shared Permissions before `run` is called,
 * so a new command cannot forget the check.
 */
export interface Subcommand {
  name: string;
  adminOnly: boolean;
  /** When false, the command matches only when nothing follows its name ("/plan reload the index?" stays a question). */
  takesArgs: boolean;
  /** The reply, in mrkdwn, shown only to the caller. */
  run(ctx: SubcommandContext): Promise<string>;
}

export const helpCommand: Subcommand = {
  name: 'help',
  adminOnly: false,
  takesArgs: false,
  async run({ lang }) {
    return st('usage', lang);
  },
};

/** The sub-command a /plan text names, if any, with its arguments. */
export function matchSubcommand(commands: readonly Subcommand[], text: string): { command: Subcommand; args: string } | undefined {
  const [word = '', ...rest] = text.trim().split(/\s+/);
  const command = commands.find((c) => c.name === word.toLowerCase());
  if (!command) return undefined;
  const args = rest.join(' ');
  return args && !command.takesArgs ? undefined : { command, args };
}

/** Runs a sub-command, refusing admin-only ones to non-admins. */
export async function runSubcommand(command: Subcommand, ctx: SubcommandContext): Promise<string> {
  if (command.adminOnly && !ctx.rt.permissions.isAdmin(ctx.actor)) {
    ctx.rt.log.warn({ command: command.name, user: ctx.actor.userId }, 'admin command refused');
    return st('adminOnly', ctx.lang, { command: command.name });
  }
  return command.run(ctx);
}
