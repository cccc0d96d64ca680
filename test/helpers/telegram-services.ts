import type { AssistantOptions } from '../../src/engine/answer/assistant.js';
import type { Logger } from 'pino';
import { openTestBotServices, type TestBotServices } from './bot-services.js';

export type TelegramTestServices = Omit<TestBotServices, 'close'> & {
  /** Closes the services (watcher, database) and removes the temporary folders. */
  cleanup(): Promise<void>;
};

/**
 * Real BotServices for the Telegram tests (see openTestBotServices): `adminIds` are
 * the Telegram admins; the index watcher polls quickly so switches show at once.
 */
export async function openTelegramServices(
  options: {
    adminIds?: readonly string[];
    corpusDir?: string;
    env?: Record<string, string>;
    assistant?: AssistantOptions;
    editPlan?: (text: string) => string;
    log?: Logger;
  } = {},
): Promise<TelegramTestServices> {
  const { adminIds, env, ...rest } = options;
  const opened = await openTestBotServices({ ...rest, admins: { telegram: [...(adminIds ?? [])] }, env: { INDEX_WATCH_MS: '250', ...env } });
  const { close, ...services } = opened;
  return { ...services, cleanup: close };
}
