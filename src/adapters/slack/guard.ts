import type { ReplyLang } from '../../engine/text/i18n.js';
import { scrubSecrets } from '../../engine/text/secrets.js';
import type { SlackRuntime } from './runtime.js';
import { st } from './strings.js';

/** The Slack error code of a failed Web API call ('not_in_channel', 'invalid_blocks', …), if it is one. */
export function slackErrorCode(err: unknown): string | undefined {
  // Any thrown value may arrive here; a Web API platform error carries `data.error`, read defensively.
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/**
 * Runs a handler's work; if it fails, the error is logged (scrubbed, no stack
 * to the user) and the user gets a short apology in their language where they asked.
 */
export async function withApology(
  rt: SlackRuntime,
  what: string,
  /** The asker's language, or how to find it (only needed if something fails). */
  lang: ReplyLang | (() => ReplyLang),
  reply: (text: string) => Promise<unknown>,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await rt.inFlight.track(work());
  } catch (err) {
    const code = slackErrorCode(err);
    rt.log.error({ what, code, err: scrubSecrets(err instanceof Error ? err.message : String(err)) }, 'slack handler failed');
    const text = st(code === 'not_in_channel' || code === 'channel_not_found' ? 'notInChannel' : 'apology', typeof lang === 'function' ? lang() : lang);
    try {
      await reply(text);
    } catch (replyErr) {
      rt.log.error({ what, err: scrubSecrets(replyErr instanceof Error ? replyErr.message : String(replyErr)) }, 'could not send the apology either');
    }
  }
}
