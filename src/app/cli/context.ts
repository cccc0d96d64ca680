import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Assistant } from '../../engine/answer/assistant.js';
import { createAssistant } from '../assistant.js';
import { createLogger } from '../logger.js';
import type { Logger } from 'pino';
import { loadSettings, type Settings } from '../settings.js';
import { openKnowledge } from '../open.js';
import { IndexHolder } from '../../engine/index/holder.js';
import { progressPrinter } from '../../adapters/cli/progress.js';

export interface CliContext {
  settings: Settings;
  log: Logger;
  holder: IndexHolder;
  assistant: Assistant;
}

/**
 * Settings, logger, index (built on first use when allowed) and the Assistant, for one CLI command.
 * With `taughtSynonyms` (commands that answer users: ask, chat), the Assistant also uses the synonyms
 * admins taught; without it (eval, admin commands) the database is not touched.
 */
export async function openCli(options: { buildIfMissing?: boolean; quiet?: boolean; taughtSynonyms?: boolean } = {}): Promise<CliContext> {
  const settings = loadSettings();
  // Interactive commands keep the terminal for answers unless LOG_LEVEL asks otherwise.
  const log = createLogger(settings.LOG_LEVEL ?? (options.quiet ? 'warn' : 'info'), settings.LOG_FORMAT);
  const { kb } = await openKnowledge(settings, log, {
    buildIfMissing: options.buildIfMissing ?? true,
    onProgress: progressPrinter('Building the index'),
  });
  const holder = new IndexHolder(kb);
  // The database driver loads only when there is a database (storage/open.ts DATABASE_FILE) to read taught synonyms from.
  const taught = !options.taughtSynonyms || !existsSync(path.join(settings.dataDir, 'planbot.sqlite'))
    ? undefined
    : await (await import('../synonyms.js')).loadTaughtSnapshot(settings, log);
  const assistant = await createAssistant(holder, settings, log, {}, taught?.expander);
  return { settings, log, holder, assistant };
}
