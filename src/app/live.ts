import type { Logger } from 'pino';
import type { Settings } from './settings.js';
import type { Embedder } from '../engine/index/embedder.js';
import { IndexHolder } from '../engine/index/holder.js';
import { SwitchHooks } from '../engine/index/switch-hooks.js';
import { watchCurrentVersion, type VersionWatcher } from '../engine/index/watch.js';
import { ReindexService, type ReindexServiceOptions } from '../services/reindex/service.js';
import { openKnowledge, type OpenOptions } from './open.js';
import { postgresIndexLocker } from '../services/storage/postgres/advisory-lock.js';
import { postgresPreviewStore } from '../services/storage/postgres/shared-previews.js';

/** The index in service for a long-running process (the bots), kept current and administrable. */
export interface LiveKnowledge {
  /** Give this to `new Assistant(holder)`: it always returns the version in service. */
  holder: IndexHolder;
  embedder: Embedder;
  /** Runs after every switch in this process; e.g. hooks.add('status', (e) => store.flagMissingSections(e.sectionIds)). */
  hooks: SwitchHooks;
  /** /reindex, document uploads, /rollback, /changes, /versions. */
  reindex: ReindexService;
  watcher: VersionWatcher;
  /** Stops watching CURRENT (for shutdown and tests). */
  close(): void;
}

/**
 * Opens the current index (cleaning leftovers of killed builds, building a first
 * version if allowed), then watches CURRENT so versions switched by this or any
 * other process go into service without a restart.
 */
export async function openLiveKnowledge(settings: Settings, log: Logger, options: OpenOptions & Pick<ReindexServiceOptions, 'onRun'> = {}): Promise<LiveKnowledge> {
  const { kb, embedder } = await openKnowledge(settings, log, options);
  const holder = new IndexHolder(kb);
  const hooks = new SwitchHooks();
  const watcher = watchCurrentVersion(holder, { indexesDir: settings.indexesDir, embedder, intervalMs: settings.INDEX_WATCH_MS, hooks, log });
  const reindex = createReindexService(settings, log, embedder, async (version) => {
    const inService = await watcher.check();
    if (inService !== version) throw new Error('it failed to load; the log says why');
  }, options.onRun);
  return { holder, embedder, hooks, reindex, watcher, close: () => watcher.stop() };
}

/** The re-index service configured from settings (the CLI uses it without a holder). */
export function createReindexService(
  settings: Settings,
  log: Logger,
  embedder: Embedder,
  afterSwitch?: (version: string) => Promise<unknown>,
  onRun?: ReindexServiceOptions['onRun'],
): ReindexService {
  return new ReindexService({
    corpusDir: settings.corpusDir,
    indexesDir: settings.indexesDir,
    embedder,
    keep: settings.INDEX_KEEP,
    maxDocumentBytes: Math.round(settings.MAX_DOCUMENT_MB * 1024 * 1024),
    documentLimits: {
      maxTextBytes: Math.round(settings.MAX_DOCUMENT_TEXT_MB * 1024 * 1024),
      maxUnpackedBytes: Math.round(settings.MAX_DOCUMENT_UNPACKED_MB * 1024 * 1024),
      parseMb: settings.DOCUMENT_PARSE_MB,
      parseMs: settings.DOCUMENT_PARSE_SECONDS * 1000,
    },
    pendingTtlMs: settings.REINDEX_CONFIRM_MINUTES * 60_000,
    log,
    ...(afterSwitch ? { afterSwitch } : {}),
    // Workers sharing a PostgreSQL database (and an index folder) lock there; otherwise the file lock in indexes/.
    // Dry runs are shared there too, so Confirm works on whichever worker receives it.
    ...(settings.DATABASE_URL ? { locker: postgresIndexLocker(settings.DATABASE_URL), sharedPreviews: postgresPreviewStore(settings.DATABASE_URL) } : {}),
    ...(onRun ? { onRun } : {}),
  });
}
