import { runChat, type ChatOptions } from '../../adapters/cli/chat.js';
import { describeAnswerMode } from '../../engine/llm/mode.js';
import { Permissions } from '../../services/access/permissions.js';
import { openTrackingOrDegraded } from '../degraded.js';
import { openCli } from './context.js';
import { cliActor } from './status-command.js';

/**
 * `planbot chat` (and `planbot` with no bot configured): the local chat over the index,
 * status tracking and the question log. A database that cannot be used does not stop it:
 * questions are still answered (degraded mode, as for the bots; /about says what is wrong).
 */
export async function startLocalChat(io: ChatOptions = {}): Promise<void> {
  const ctx = await openCli({ quiet: true, taughtSynonyms: true });
  const tracking = await openTrackingOrDegraded(ctx.settings, { knowledge: ctx.holder, permissions: Permissions.fromSettings(ctx.settings), log: ctx.log });
  try {
    await runChat({ assistant: ctx.assistant, tracking, answerMode: describeAnswerMode(ctx.settings) }, cliActor(), io);
  } finally {
    // Log rows are written in the background: wait for them before closing the database.
    await tracking.logWritten();
    await tracking.close();
  }
}
