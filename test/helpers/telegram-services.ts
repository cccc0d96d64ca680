import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssistantOptions } from '../../src/answer/assistant.js';
import { createAssistant } from '../../src/app/assistant.js';
import { openBotServices, type BotServices } from '../../src/app/services.js';
import { Permissions } from '../../src/chat/permissions.js';
import { createLogger, type Logger } from '../../src/config/logger.js';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import type { KnowledgeBase } from '../../src/index/knowledge-base.js';

export const REPO_CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../corpus');
export const PLAN_FILE = 'lmc-plan-2023-2027.zh-Hant.txt';

export interface TelegramTestServices {
  /** The real BotServices a production process opens (live index + watcher, Assistant, permissions, tracking). */
  services: BotServices;
  settings: Settings;
  root: string;
  corpusDir: string;
  indexesDir: string;
  dataDir: string;
  /** The index version in service. */
  kb(): KnowledgeBase;
  /** Closes the services (watcher, database) and removes the temporary folders. */
  cleanup(): Promise<void>;
}

/**
 * Real BotServices (openBotServices) on temporary copies of corpus/ (the repo's,
 * or `corpusDir`), a fresh indexes/ (built at start with the lexical embedder, as
 * `npm start` on a fresh clone would) and a fresh data/ (SQLite). `adminIds` are
 * the Telegram admins; `env` overrides settings (e.g. OPENAI_BASE_URL for the fake
 * model); `assistant` adds Assistant options (a test writer); `editPlan` edits the
 * plan's text in the copy before indexing.
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
  const root = await mkdtemp(path.join(os.tmpdir(), 'planbot-tg-services-'));
  try {
    const corpusDir = path.join(root, 'corpus');
    const indexesDir = path.join(root, 'indexes');
    const dataDir = path.join(root, 'data');
    await cp(options.corpusDir ?? REPO_CORPUS, corpusDir, { recursive: true });
    await mkdir(indexesDir);
    if (options.editPlan) {
      const file = path.join(corpusDir, PLAN_FILE);
      await writeFile(file, options.editPlan(await readFile(file, 'utf8')));
    }
    const settings = loadSettings(
      { CORPUS_DIR: corpusDir, INDEXES_DIR: indexesDir, DATA_DIR: dataDir, EMBEDDER: 'lexical', LOG_LEVEL: 'silent', INDEX_WATCH_MS: '250', ...options.env },
      root,
    );
    const log = options.log ?? createLogger('silent');
    let services = await openBotServices(settings, log, { permissions: new Permissions({ telegram: options.adminIds ?? [] }) });
    if (options.assistant) services = { ...services, assistant: await createAssistant(services.live.holder, settings, log, options.assistant) };
    const opened = services;
    return {
      services,
      settings,
      root,
      corpusDir,
      indexesDir,
      dataDir,
      kb: () => opened.live.holder.current(),
      cleanup: async () => {
        await opened.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}
