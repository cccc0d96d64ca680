import type { ReplyLang } from '../../engine/text/i18n.js';
import { st } from '../status/strings.js';
import type { Vote, VoteResult } from './log.js';

/**
 * Button payloads: "fb:up:<ref>" / "fb:down:<ref>" — at most 22 bytes, well under
 * Telegram's 64-byte callback_data and Slack's action value limits.
 */
export function feedbackPayload(ref: string, vote: Vote): string {
  return `fb:${vote}:${ref}`;
}

export function parseFeedbackPayload(data: string): { ref: string; vote: Vote } | undefined {
  const m = /^fb:(up|down):([A-Za-z0-9_-]{1,40})$/.exec(data);
  return m ? { vote: m[1] as Vote, ref: m[2]! } : undefined;
}

/** The short acknowledgement a front end shows after a vote (a Telegram toast, a Slack ephemeral). */
export function feedbackAck(result: VoteResult, lang: ReplyLang): string {
  switch (result.outcome) {
    case 'unknown':
      return st('feedbackUnknown', lang);
    case 'changed':
      return st('feedbackChanged', lang);
    default:
      return st('feedbackThanks', lang);
  }
}
