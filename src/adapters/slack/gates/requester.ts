import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import type { ReplyLang } from '../../../engine/text/i18n.js';
import { wellFormedDeep } from '../../../engine/text/well-formed.js';
import { readValueLang } from '../action-values.js';
import { plainTextFromSlack } from '../mrkdwn.js';
import { langOf } from '../strings.js';
import { authorOf, incomingMessage, replyThreadOf, textOf } from './incoming.js';

/** A request a person made of the bot — a mention or message, /plan, or a button click — as the gates see it. */
export interface Requester {
  kind: 'message' | 'command' | 'click';
  user: string;
  /** The user's workspace. */
  team?: string;
  /** The conversation it came from (D… for a direct message). */
  channel?: string;
  lang: ReplyLang;
  /** Commands and clicks must be acknowledged even when refused, or Slack shows the user an error. */
  ack?: () => Promise<void>;
  /** A short reply where the request was made: in the message's thread, privately for /plan and clicks. */
  reply: (text: string) => Promise<unknown>;
}

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** Who made the request and how to answer them; undefined for what no person asked (other events, options, views). */
export function requesterOf(args: Args): Requester | undefined {
  const msg = incomingMessage(args);
  if (msg) {
    const user = authorOf(msg);
    if (!user) return undefined;
    const threadTs = replyThreadOf(msg);
    const team = ('user_team' in msg ? msg.user_team : undefined) ?? ('team' in msg ? msg.team : undefined) ?? args.context.teamId;
    return {
      kind: 'message',
      user,
      ...(team ? { team } : {}),
      channel: msg.channel,
      lang: langOf(plainTextFromSlack(textOf(msg), args.context.botUserId)),
      reply: (text) => args.client.chat.postMessage(wellFormedDeep({ channel: msg.channel, ...(threadTs ? { thread_ts: threadTs } : {}), text })),
    };
  }
  if ('command' in args) {
    const { command, ack, respond } = args;
    return {
      kind: 'command',
      user: command.user_id,
      team: command.team_id,
      channel: command.channel_id,
      lang: langOf(plainTextFromSlack(command.text ?? '')),
      ack: () => ack(),
      reply: (text) => respond(wellFormedDeep({ response_type: 'ephemeral' as const, text })),
    };
  }
  if ('action' in args && args.body.type === 'block_actions') {
    const { action, body, ack, respond } = args;
    const team = body.user.team_id ?? body.team?.id;
    return {
      kind: 'click',
      user: body.user.id,
      ...(team ? { team } : {}),
      ...(body.channel?.id ? { channel: body.channel.id } : {}),
      lang: readValueLang('value' in action && typeof action.value === 'string' ? action.value : undefined),
      ack: () => ack(),
      reply: (text) => respond(wellFormedDeep({ response_type: 'ephemeral' as const, replace_original: false, text })),
    };
  }
  return undefined;
}
