import type { BlockAction, RespondFn, webApi } from '@slack/bolt';
import type { Actor } from '../../services/access/actor.js';
import type { SlackMessage } from './message.js';
import { wellFormedDeep } from '../../engine/text/well-formed.js';

/** Where a clicked button's message lives. */
export interface ClickedIn {
  channel?: string;
  /** The thread the clicked message is in, if any. */
  threadTs?: string;
  /** The clicked message itself (a thread root for what the button posts). */
  messageTs?: string;
  /** Messages from /plan are ephemeral: they have no channel message to thread under. */
  ephemeral: boolean;
}

export function clickedIn(body: BlockAction): ClickedIn {
  // Bolt types `container` as an open record; these are the fields Slack documents for a message's button.
  const container = body.container as { channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean } | undefined;
  const channel = body.channel?.id ?? container?.channel_id;
  const threadTs = container?.thread_ts ?? body.message?.thread_ts;
  const messageTs = container?.message_ts ?? body.message?.ts;
  return {
    ...(channel ? { channel } : {}),
    ...(threadTs ? { threadTs } : {}),
    ...(messageTs ? { messageTs } : {}),
    ephemeral: Boolean(container?.is_ephemeral) || !body.message,
  };
}

export function actorOf(body: BlockAction): Actor {
  return { platform: 'slack', userId: body.user.id, ...(body.user.name ? { displayName: body.user.name } : {}) };
}

/** Ephemeral replies that leave the clicked message alone. */
export function ephemeral(respond: RespondFn) {
  return (m: SlackMessage | { text: string }) => respond(wellFormedDeep({ response_type: 'ephemeral' as const, replace_original: false, ...m }));
}

export function postIn(client: webApi.WebClient, channel: string, threadTs: string | undefined, m: SlackMessage | { text: string }) {
  return client.chat.postMessage(wellFormedDeep({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false, unfurl_media: false, ...m }));
}
