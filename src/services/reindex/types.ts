import type { Logger } from 'pino';
import type { Embedder } from '../../engine/index/embedder.js';
import type { DocumentFormat } from './ingest/extract.js';
import type { DocumentLimits } from './ingest/limits.js';
import type { MatchReason } from './ingest/match.js';
import type { CorpusEditResult } from './corpus-files.js';
import type { ChangeSummary, SectionDiff } from './summary.js';
import type { OutdatedTranslation } from '../../engine/answer/translation.js';
import type { OutdatedByChange } from './outdated-warning.js';
import type { IndexLocker } from '../../engine/index/lock.js';

export interface ReindexServiceOptions {
  corpusDir: string;
  indexesDir: string;
  /** The embedder this process searches with; new versions are built with it. */
  embedder: Embedder;
  /** INDEX_KEEP: versions kept on disk (the current one and the rollback target always are). */
  keep?: number;
  /** MAX_DOCUMENT_MB in bytes. */
  maxDocumentBytes?: number;
  /** What reading a document may cost (MAX_DOCUMENT_TEXT_MB, MAX_DOCUMENT_UNPACKED_MB, DOCUMENT_PARSE_MB, DOCUMENT_PARSE_SECONDS). */
  documentLimits?: Partial<Omit<DocumentLimits, 'maxBytes'>>;
  /** How long a preview can be confirmed. */
  pendingTtlMs?: number;
  log?: Logger;
  /** Puts a freshly switched version into service in this process at once (VersionWatcher.check). */
  afterSwitch?: (version: string) => Promise<unknown>;
  /** The cross-process re-index lock (default: the file lock in indexesDir). */
  locker?: IndexLocker;
  /** Where workers sharing a database keep dry runs, so Confirm works on any of them (default: this process only). */
  sharedPreviews?: SharedPreviewStore;
  /** Told how every confirmed change ended (for the re-index metrics). */
  onRun?: (kind: PreviewKind, result: 'switched' | 'busy' | 'failed') => void;
  now?: () => Date;
}

/** Dry runs waiting for Confirm, shared by workers (the PostgreSQL table reindex_previews). Bodies are opaque JSON. */
export interface SharedPreviewStore {
  save(id: string, body: string, expiresAt: Date): Promise<void>;
  load(id: string): Promise<string | undefined>;
  delete(id: string): Promise<void>;
}

export type PreviewKind = 'rebuild' | 'document' | 'rollback';

/** About an uploaded document in a preview. */
export interface UploadInfo {
  filename: string;
  format: DocumentFormat;
  encoding?: string;
  pages?: number;
  docId: string;
  title: string;
  /** True when it becomes a new corpus document rather than a new version of one. */
  isNew: boolean;
  matchedBy: MatchReason;
  /** Why it was matched the way it was, for the admin to check. */
  matchDetail: string;
  /** Where it will be saved, relative to corpus/. */
  file: string;
  sections: number;
  characters: number;
}

/** A dry run: what confirming `id` would change. Nothing has been written yet. */
export interface Preview {
  id: string;
  kind: PreviewKind;
  /** The version in service it was compared with (none before the first build). */
  baseVersion?: string;
  /** For a rollback: the version that would become current. */
  targetVersion?: string;
  document?: UploadInfo;
  summary: ChangeSummary;
  /** Nothing to index would change (a rebuild can still be confirmed, e.g. after changing the embedder). */
  unchanged: boolean;
  /** Things the admin should know before confirming. */
  notes: string[];
  /** Translated sections that are current now and would be outdated after confirming (also a warning in `notes`). */
  outdatedTranslations?: OutdatedByChange[];
  expiresAt: string;
}

/** What a confirmed change did. */
export interface SwitchReport {
  kind: PreviewKind;
  /** False when a rebuild found nothing to do. */
  switched: boolean;
  /** The version now current. */
  version: string;
  previousVersion?: string;
  createdAt: string;
  /** From confirmation to the new version being in service. */
  tookMs: number;
  summary: ChangeSummary;
  /** Old versions deleted to respect INDEX_KEEP. */
  pruned: string[];
  corpus?: CorpusEditResult;
  notes: string[];
}

/** What changed in the version in service, for /changes and `planbot changes`. */
export interface ChangesReport {
  version: string;
  createdAt: string;
  /** The version it was compared with; absent when no changes were recorded (first build, older index). */
  base?: string;
  baseCreatedAt?: string;
  /** The section asked about, resolved ('4.2.3'), if one was. */
  sectionId?: string;
  /** False when a section was asked about that exists in neither version. */
  sectionKnown: boolean;
  entries: SectionDiff[];
  documents: { docId: string; title: string; status: string }[];
  /** Translated sections whose source changed since translation (for the section asked about, if one was). */
  outdatedTranslations: OutdatedTranslation[];
}

export type ReindexErrorCode = 'no-pending' | 'stale' | 'no-previous' | 'no-index' | 'unknown-document';

/** A request that cannot go ahead as asked; the message says what to do instead. */
export class ReindexError extends Error {
  constructor(
    readonly code: ReindexErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReindexError';
  }
}
