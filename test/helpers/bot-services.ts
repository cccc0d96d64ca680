import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBotServices, type BotServices } from '../../src/app/services.js';
import type { Platform } from '../../src/chat/actor.js';
import { Permissions } from '../../src/chat/permissions.js';
import { createLogger, type Logger } from '../../src/config/logger.js';
import { loadSettings, type Settings } from '../../src/config/settings.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TestBotServices {
  /** The real services a bot process runs on (live index, Assistant, permissions, tracking). */
  services: BotServices;
  settings: Settings;
  /** The temporary folder holding corpus/, indexes/ and data/. */
  root: string;
  corpusDir: string;
  indexesDir: string;
  dataDir: string;
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
}

/**
 * Real BotServices (src/app/services.ts, exactly as `npm start` opens them) on a
 * temporary copy of the repository's corpus/, with its own indexes/ (the first
 * version built with the offline lexical embedder) and an empty data/ (a fresh
 * SQLite database). For any front end's tests: Slack, Telegram, the CLI.
 */
export async function openTestBotServices(options: TestBotServicesOptions = {}): Promise<TestBotServices> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'planbot-services-'));
  try {
    const corpusDir = path.join(root, 'corpus');
    const indexesDir = path.join(root, 'indexes');
    const dataDir = path.join(root, 'data');
    await cp(path.join(REPO, 'corpus'), corpusDir, { recursive: true });
    await mkdir(indexesDir);
    await mkdir(dataDir);
    const settings = loadSettings({ CORPUS_DIR: corpusDir, INDEXES_DIR: indexesDir, DATA_DIR: dataDir, EMBEDDER: 'lexical', LOG_LEVEL: 'silent', ...options.env }, root);
    const services = await openBotServices(settings, options.log ?? createLogger('silent'), { permissions: new Permissions(options.admins ?? {}) });
    return {
      services,
      settings,
      root,
      corpusDir,
      indexesDir,
      dataDir,
      async close() {
        await services.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}
