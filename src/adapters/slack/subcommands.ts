import type { ReplyLang } from '../../engine/text/i18n.js';
import type { Actor } from '../../services/access/actor.js';
import type { SlackMessage } from './message.js';
import type { SlackRuntime } from './runtime.js';
import { st } from './strings.js';

export interface SubcommandContext {
  rt: SlackRuntime;
  actor: Actor;
  /** Text after the sub-command's name. */
  args: string;
  lang: ReplyLang;
}

/** A reply shown only to the caller: mrkdwn text, or whole messages (with buttons). */
export type SubcommandReply = string | SlackMessage[];

/**
 * A word after /plan that is a command rather than a question. Admin-only
 * commands are refused through the shared Permissions before `run` is called,
 * so a new command cannot forget the check.
 */
export interface Subcommand {
  name: string;
  /** Other words for the same command (e.g. `狀態` for `status`). */
  aliases?: readonly string[];
  adminOnly: boolean;
  /**
   * Whether the words after the name are this command's arguments. When false,
   * the text is a question ("/plan about water?" is not `/plan about`). Default:
   * only an empty argument list is accepted.
   */
  accepts?(args: string): boolean;
  run(ctx: SubcommandContext): Promise<SubcommandReply>;
}

export const noArgs = (args: string): boolean => args === '';
export const anyArgs = (): boolean => true;
/** A section reference: `4.2.3`, `§4.2.3`, `第五部分`, `chapter 5`, `前言`. */
export const sectionLike = (args: string): boolean => /\d|[§第前序]|\b(?:chapter|section|preamble)\b|[一二三四五六七八九十]/i.test(args) && args.length <= 60;

/** The sub-command a /plan text names, if any, with its arguments. */
export function matchSubcommand(commands: readonly Subcommand[], text: string): { command: Subcommand; args: string } | undefined {
  const trimmed = text.trim();
  const [word = ''] = trimmed.split(/\s/, 1);
  const name = word.toLowerCase();
  const command = commands.find((c) => c.name === name || c.aliases?.includes(name));
  if (!command) return undefined;
  const args = trimmed.slice(word.length).trim();
  return (command.accepts ?? noArgs)(args) ? { command, args } : undefined;
}

/** Runs a sub-command, refusing admin-only ones to non-admins. */
export async function runSubcommand(command: Subcommand, ctx: SubcommandContext): Promise<SubcommandReply> {
  if (command.adminOnly && !ctx.rt.services.permissions.isAdmin(ctx.actor)) {
    ctx.rt.log.warn({ command: command.name, user: ctx.actor.userId }, 'admin command refused');
    return st('adminOnly', ctx.lang, { command: command.name });
  }
  return command.run(ctx);
}
