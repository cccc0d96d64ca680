import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { SlackRuntime } from '../runtime.js';
import type { SlackAllowLists } from '../settings.js';
import { st } from '../strings.js';
import { requesterOf, type Requester } from './requester.js';

/** A channel is told it is not allowed at most once a minute, so a busy channel is not spammed. */
const REFUSAL_EVERY_MS = 60_000;

/**
 * Global middleware: SLACK_ALLOWED_TEAM_IDS / _CHANNEL_IDS / _USER_IDS. A request from outside a
 * list that is set gets a polite refusal and nothing else — privately for /plan and clicks, in the
 * thread for a mention or message (at most once a minute per channel). Direct messages are not
 * channels: the channel list does not apply to them (the user list does). No list set: no gate.
 */
export function allowedOnly(rt: SlackRuntime) {
  const lists = rt.settings.allowed;
  const refusedAt = new LRUCache<string, true>({ max: 10_000, ttl: REFUSAL_EVERY_MS });
  return async function allowedOnly(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    const requester = lists ? requesterOf(args) : undefined;
    if (!lists || !requester || isAllowed(lists, requester)) return args.next();
    rt.log.info({ user: requester.user, team: requester.team, channel: requester.channel, kind: requester.kind }, 'not in the SLACK_ALLOWED_* lists: refused');
    await requester.ack?.();
    if (requester.kind === 'message') {
      const key = requester.channel ?? requester.user;
      if (refusedAt.has(key)) return;
      refusedAt.set(key, true);
    }
    await requester.reply(st('notAllowed', requester.lang)).catch((err: unknown) => {
      rt.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not send the refusal');
    });
  };
}

function isAllowed(lists: SlackAllowLists, requester: Pick<Requester, 'user' | 'team' | 'channel'>): boolean {
  if (lists.users && !lists.users.includes(requester.user)) return false;
  if (lists.teams && !(requester.team !== undefined && lists.teams.includes(requester.team))) return false;
  const inDm = requester.channel?.startsWith('D') ?? false;
  if (lists.channels && !inDm && !(requester.channel !== undefined && lists.channels.includes(requester.channel))) return false;
  return true;
}
