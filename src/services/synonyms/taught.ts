import type { Logger } from 'pino';
import type { QueryExpander } from '../../engine/retrieval/retriever.js';
import { compileSynonyms, taughtExpander } from './expander.js';
import type { SynonymStore } from './store.js';

/**
 * The taught synonyms a process answers with, held in memory (questions never wait
 * for the database). A change made in this process reloads them at once; one made
 * by another process (the CLI while a bot runs) is seen by `watch`, which compares
 * the store's change counter every `intervalMs`.
 */
export class TaughtSynonyms {
  private compiled: ReturnType<typeof compileSynonyms> = [];
  private loadedVersion = -1;
  private timer: NodeJS.Timeout | undefined;
  private failing = false;
  /** The query expander to put first in combineExpanders; always reads the latest list. */
  readonly expander: QueryExpander = taughtExpander(() => this.compiled);

  constructor(
    readonly store: SynonymStore,
    private readonly log?: Pick<Logger, 'warn' | 'info'>,
  ) {}

  /** Reads the list now. */
  async reload(): Promise<void> {
    const version = await this.store.version();
    const pairs = await this.store.list();
    this.compiled = compileSynonyms(pairs);
    this.loadedVersion = version;
  }

  /** Reloads when the change counter moved; true when it did. */
  async refresh(): Promise<boolean> {
    if ((await this.store.version()) === this.loadedVersion) return false;
    await this.reload();
    this.log?.info({ terms: this.compiled.length }, 'taught synonyms reloaded');
    return true;
  }

  /** Checks for changes every `intervalMs` until stopped (the timer never keeps the process alive). */
  watch(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => {
      this.refresh().then(
        () => (this.failing = false),
        (err: unknown) => {
          // Once per outage: the synonyms already loaded keep serving.
          if (!this.failing) this.log?.warn({ err: (err as Error).message }, 'could not check for newly taught synonyms');
          this.failing = true;
        },
      );
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Terms currently taught (for logs and /about-style counts). */
  get termCount(): number {
    return this.compiled.length;
  }
}
