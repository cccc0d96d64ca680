import { runChat, type ChatOptions } from '../../adapters/cli/chat.js';
import { describeAnswerMode } from '../../engine/llm/mode.js';
import { Permissions } from '../../services/access/permissions.js';
import { openDeskOrDegraded } from '../degraded.js';
import { openCli } from './context.js';
import { localeLanguage } from '../../adapters/cli/chat-language.js';
import { entrySwitches } from '../settings.js';
import { cliActor } from './actor.js';

/**
 * `planbot chat` (and `planbot` with no bot configured): the local chat over the index,
 * the desk (status tracking and the question log). A database that cannot be used does not stop it:
 * questions are still answered (degraded mode, as for the bots; /about says what is wrong).
 */
export async function startLocalChat(io: ChatOptions = {}): Promise<void> {
  const ctx = await openCli({ quiet: true, taughtSynonyms: true });
  const desk = await openDeskOrDegraded(ctx.settings, { knowledge: ctx.holder, permissions: Permissions.fromSettings(ctx.settings), log: ctx.log });
  try {
    await runChat({ assistant: ctx.assistant, desk, answerMode: describeAnswerMode(ctx.settings) }, cliActor(), { lang: localeLanguage(entrySwitches().terminalLocale), ...io });
  } finally {
    // Log rows are written in the background: wait for them before closing the database.
    await desk.logWritten();
    await desk.close();
  }
}
