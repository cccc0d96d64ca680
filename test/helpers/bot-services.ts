import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AssistantOptions } from '../../src/engine/answer/assistant.js';
import { createAssistant } from '../../src/app/assistant.js';
import { openBotServices, type BotServices } from '../../src/app/services.js';
import type { Platform } from '../../src/services/access/actor.js';
import { Permissions } from '../../src/services/access/permissions.js';
import { createLogger } from '../../src/app/logger.js';
import type { Logger } from 'pino';
import { loadSettings, type Settings } from '../../src/app/settings.js';
import type { KnowledgeBase } from '../../src/engine/index/knowledge-base.js';
import { copyCorpus, tempDir } from './index-fixture.js';

export interface TestBotServices {
  /** The real services a bot process runs on (live index, Assistant, permissions, desk). */
  services: BotServices;
  settings: Settings;
  /** The temporary folder holding corpus/, indexes/ and data/. */
  root: string;
  corpusDir: string;
  indexesDir: string;
  dataDir: string;
  /** The index version in service. */
  kb(): KnowledgeBase;
  /** Closes the services (watcher, database) and removes the folder. */
  close(): Promise<void>;
}

export interface TestBotServicesOptions {
  /** Admin user ids per platform (the shared Permissions). */
  admins?: Partial<Record<Platform, string[]>>;
  /**
   * Extra settings, as environment variables: e.g. OPENAI_API_KEY and OPENAI_BASE_URL
   * (a fake chat server) for LLM answers, INDEX_KEEP, MAX_DOCUMENT_MB. The process's
   * own environment is never read, so a developer's API key cannot leak into a test.
   */
  env?: Record<string, string>;
  log?: Logger;
  /** A corpus folder to copy instead of the repository's. */
  corpusDir?: string;
  /** Edits the plan's text in the copy before indexing (a new document version). */
  editPlan?: (text: string) => string;
  /** Extra Assistant options (e.g. a test AnswerWriter). */
  assistant?: AssistantOptions;
}

/**
 * Real BotServices (src/app/services.ts, exactly as `npm start` opens them) on a
 * temporary copy of the corpus, with its own indexes/ (the first version built
 * with the offline lexical embedder) and an empty data/ (a fresh SQLite
 * database). For any front end's tests: Slack, Telegram, the CLI.
 */
export async function openTestBotServices(options: TestBotServicesOptions = {}): Promise<TestBotServices> {
  const { dir: root, cleanup } = await tempDir('planbot-services-');
  try {
    const corpusDir = path.join(root, 'corpus');
    const indexesDir = path.join(root, 'indexes');
    const dataDir = path.join(root, 'data');
    await copyCorpus(corpusDir, options.editPlan, options.corpusDir);
    await mkdir(indexesDir);
    await mkdir(dataDir);
    const settings = loadSettings({ CORPUS_DIR: corpusDir, INDEXES_DIR: indexesDir, DATA_DIR: dataDir, EMBEDDER: 'lexical', LOG_LEVEL: 'silent', ...options.env }, root);
    const log = options.log ?? createLogger('silent');
    let services = await openBotServices(settings, log, { permissions: new Permissions(options.admins ?? {}) });
    if (options.assistant) services = { ...services, assistant: await createAssistant(services.live.holder, settings, log, options.assistant, services.synonyms.taught.expander) };
    const opened = services;
    return {
      services,
      settings,
      root,
      corpusDir,
      indexesDir,
      dataDir,
      kb: () => opened.live.holder.current(),
      async close() {
        await opened.close();
        await cleanup();
      },
    };
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}
