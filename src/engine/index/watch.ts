import type { Logger } from 'pino';
import type { Embedder } from './embedder.js';
import type { IndexHolder } from './holder.js';
import { openKnowledgeBase } from './knowledge-base.js';
import { readCurrentVersion } from './store.js';
import type { SwitchHooks } from './switch-hooks.js';

export interface WatchOptions {
  indexesDir: string;
  embedder: Embedder;
  /** How often CURRENT is read; default 2 s. */
  intervalMs?: number;
  hooks?: SwitchHooks;
  log?: Logger;
}

export interface VersionWatcher {
  /** Reads CURRENT now and swaps if it names another version (retrying one that failed before); resolves to the version in service. */
  check(): Promise<string>;
  stop(): void;
}

/**
 * Keeps a running process on the current index version without a restart: when
 * CURRENT names a new version (switched by this process, the CLI or another
 * bot), the version is loaded and verified in full, then swapped into the holder
 * in one assignment. Questions already running keep the version they took; a
 * version that fails to load is logged once and the old one keeps serving.
 * CURRENT is polled (a tiny read) because fs.watch misses atomic renames on
 * some file systems.
 */
export function watchCurrentVersion(holder: IndexHolder, options: WatchOptions): VersionWatcher {
  let failed: string | undefined;
  let running: Promise<string> | undefined;

  const checkOnce = async (retryFailed: boolean): Promise<string> => {
    const inService = holder.current().version;
    const named = await readCurrentVersion(options.indexesDir);
    if (!named || named === inService || (named === failed && !retryFailed)) return inService;
    try {
      const next = await openKnowledgeBase({ indexesDir: options.indexesDir, embedder: options.embedder, version: named });
      const previous = holder.swap(next);
      failed = undefined;
      options.log?.info({ from: previous.version, to: next.version }, 'switched to a new index version');
      await options.hooks?.run(next, previous, options.log);
      return next.version;
    } catch (err) {
      failed = named;
      options.log?.error({ version: named, err: (err as Error).message }, `index version ${named} could not be loaded; still serving ${inService}`);
      return inService;
    }
  };

  // Checks never overlap: a second caller waits for the one in progress, then looks again.
  const check = (retryFailed = true): Promise<string> => {
    const once = () => checkOnce(retryFailed);
    const next = (running ?? Promise.resolve('')).then(once, once);
    running = next;
    return next;
  };

  // A version that failed to load is not retried on every tick (one log line, not one every 2 s).
  const timer = setInterval(() => void check(false), options.intervalMs ?? 2000);
  timer.unref();
  return { check: () => check(true), stop: () => clearInterval(timer) };
}
