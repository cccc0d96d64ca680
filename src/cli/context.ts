import type { Assistant } from '../answer/assistant.js';
import { createAssistant } from '../app/assistant.js';
import { createLogger, type Logger } from '../config/logger.js';
import { loadSettings, type Settings } from '../config/settings.js';
import { openKnowledge } from '../app/open.js';
import { IndexHolder } from '../index/holder.js';
import { progressPrinter } from './progress.js';

export interface CliContext {
  settings: Settings;
  log: Logger;
  holder: IndexHolder;
  assistant: Assistant;
}

/** Settings, logger, index (built on first use when allowed) and the Assistant, for one CLI command. */
export async function openCli(options: { buildIfMissing?: boolean; quiet?: boolean } = {}): Promise<CliContext> {
  const settings = loadSettings();
  // Interactive commands keep the terminal for answers unless LOG_LEVEL asks otherwise.
  const log = createLogger(process.env.LOG_LEVEL ?? (options.quiet ? 'warn' : 'info'), settings.LOG_FORMAT);
  const { kb } = await openKnowledge(settings, log, {
    buildIfMissing: options.buildIfMissing ?? true,
    onProgress: progressPrinter('Building the index'),
  });
  const holder = new IndexHolder(kb);
  const assistant = await createAssistant(holder, settings, log);
  return { settings, log, holder, assistant };
}
