import { SEARCH_TEXT_RULES } from '../../engine/text/search-rules.js';
import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus, type LoadedCorpus } from '../../engine/corpus/load.js';
import { CORPUS_META_FILE, parseCorpusMeta, type CorpusMeta, type DocumentMeta } from '../../engine/corpus/metadata.js';
import { parseDocument } from '../../engine/corpus/parse.js';
import { extractDocumentIsolated } from './ingest/extract-isolated.js';
import { matchDocument } from './ingest/match.js';
import { reject } from './ingest/rejection.js';
import { SOURCE_DIR, buildIndex, storedCorpusOf, type BuildProgress } from '../../engine/index/build.js';
import { FILES } from '../../engine/index/version-files.js';
import { compareCorpora, readVersionChanges, type SectionChange } from '../../engine/index/changes.js';
import type { Embedder } from '../../engine/index/embedder.js';
import { openKnowledgeBase } from '../../engine/index/knowledge-base.js';
import type { StoredCorpus } from '../../engine/index/version-files.js';
import { fileIndexLocker, IndexBusyError, type IndexLocker, type LockInfo } from '../../engine/index/lock.js';
import { readManifest, type Manifest } from '../../engine/index/manifest.js';
import { sha256 } from '../../engine/text/sha256.js';
import { readCurrentVersion, switchCurrentVersion } from '../../engine/index/store.js';
import { findSectionReferences } from '../../engine/retrieval/section-ref.js';
import { detectLanguage } from '../../engine/text/language.js';
import { toHalfWidth } from '../../engine/text/normalize.js';
import { applyCorpusEdit, changedSince, fingerprint, safeName, type CorpusEditResult } from './corpus-files.js';
import { isEmptySummary, sectionDiff, summarize, type ChangeSummary } from './summary.js';
import { listVersions, pruneVersions, type VersionInfo } from './versions.js';
import { outdatedWarnings, translationsOutdatedBy, type OutdatedByChange } from './outdated-warning.js';
import { stampOutdatedTranslations } from './translation-stamps.js';
import { outdatedTranslationsOf } from '../../engine/answer/translation.js';
import { thesaurusSummary } from '../../engine/thesaurus/summary.js';
import { ReindexError, type ChangesReport, type Preview, type PreviewKind, type ReindexServiceOptions, type SwitchReport, type UploadInfo } from './types.js';

// The service's vocabulary lives in types.ts and errors.ts; callers keep importing it from here.
export * from './types.js';
export { reindexErrorMessage } from './errors.js';


interface PendingChange {
  preview: Preview;
  purpose: string;
  expiresAt: number;
  /** rebuild / document: the corpus the build must see again at confirmation. */
  corpusHash?: string;
  /** document: texts to use instead of the disk's, and what the disk held when previewed. */
  overrides?: Map<string, string>;
  expected?: Map<string, string | null>;
  upload?: { filename: string; bytes: Uint8Array };
}

const DEFAULT_KEEP = 5;
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const DEFAULT_TTL_MS = 30 * 60 * 1000;

/**
 * Every admin operation on the index, platform-neutral: the CLI and the chat
 * bots call the same methods. Changes go in two steps: a preview (a dry run
 * that writes nothing and returns a pending-change id), then confirm(id), which
 * builds under the cross-process lock, verifies the new version loads, saves
 * the corpus files (keeping the old ones) and only then switches CURRENT.
 * Anything that fails before the switch leaves corpus/, indexes/ and CURRENT
 * as they were.
 */
export class ReindexService {
  private readonly pending = new Map<string, PendingChange>();
  private readonly keep: number;
  /** Front ends check a file's announced size against this before downloading it. */
  readonly maxDocumentBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => Date;
  private readonly locker: IndexLocker;

  constructor(private readonly options: ReindexServiceOptions) {
    this.locker = options.locker ?? fileIndexLocker(options.indexesDir);
    this.keep = options.keep ?? DEFAULT_KEEP;
    this.maxDocumentBytes = options.maxDocumentBytes ?? DEFAULT_MAX_BYTES;
    this.ttlMs = options.pendingTtlMs ?? DEFAULT_TTL_MS;
    this.now = options.now ?? (() => new Date());
  }

  // ---- previews (dry runs) -------------------------------------------------

  /** `planbot index --dry-run`, `/reindex`: what rebuilding from corpus/ would change. */
  async previewRebuild(): Promise<Preview> {
    const base = await this.base();
    const { corpus, summary, overrides, stamped } = await this.prepare(base, new Map());
    const outdated = translationsOutdatedBy(base.stored, corpus);
    const unchanged = base.manifest !== undefined && base.manifest.corpusHash === corpus.hash && sameEmbedder(base.manifest, this.options.embedder);
    const notes: string[] = [];
    const thesaurusNote = base.manifest ? thesaurusChange(base.manifest, corpus) : undefined;
    if (thesaurusNote) notes.push(thesaurusNote);
    if (!unchanged && isEmptySummary(summary) && base.manifest && !thesaurusNote) {
      notes.push(
        base.manifest.corpusHash !== corpus.hash
          ? 'No section text changed; translations or corpus.json did.'
          : `The index will be rebuilt with the ${this.options.embedder.name} embedder (it was built with ${base.manifest.embedder.name}).`,
      );
    }
    notes.push(...stamped, ...outdatedWarnings(outdated));
    return this.remember({
      kind: 'rebuild',
      ...(outdated.length > 0 ? { outdatedTranslations: outdated } : {}),
      base,
      summary,
      unchanged,
      notes,
      purpose: 'rebuild from corpus/',
      corpusHash: corpus.hash,
      ...(overrides.size > 0 ? { overrides, expected: await fingerprint(this.options.corpusDir, overrides.keys()) } : {}),
    });
  }

  /**
   * An uploaded document (Telegram/Slack file, CLI path): reads and checks it,
   * decides which corpus document it updates (or that it is a new one) and
   * returns the dry run. Throws DocumentRejectedError with the reason when the
   * file cannot be used; nothing is written either way.
   * `target`: a document id to update, or 'new', overriding the automatic match.
   */
  async previewDocument(filename: string, bytes: Uint8Array, options: { target?: string } = {}): Promise<Preview> {
    // Parsed in a worker with a heap cap and a time bound: a hostile file fails alone, questions keep flowing.
    const extracted = await extractDocumentIsolated(filename, bytes, { ...this.options.documentLimits, maxBytes: this.maxDocumentBytes });
    const metaRaw = await readFile(path.join(this.options.corpusDir, CORPUS_META_FILE), 'utf8');
    const meta = parseCorpusMeta(metaRaw, path.join(this.options.corpusDir, CORPUS_META_FILE));
    const base = await this.base();
    const sectionsOf = (docId: string) => base.stored?.documents.find((d) => d.meta.id === docId)?.parsed.sections ?? [];
    const dropLines = meta.cleaning.dropLines;
    const probe = parseDocument(extracted.text, { docId: 'upload', title: filename, language: 'zh-Hant', dropLines });
    let match: ReturnType<typeof matchDocument>;
    try {
      match = matchDocument({ filename, text: extracted.text, sections: probe.sections }, meta, sectionsOf, options.target);
    } catch (err) {
      throw new ReindexError('unknown-document', (err as Error).message);
    }

    const existing = match.docId ? meta.documents.find((d) => d.id === match.docId) : undefined;
    const docMeta = existing ?? (await this.newDocumentMeta(meta, filename, extracted.text));
    const parsed = parseDocument(extracted.text, { docId: docMeta.id, title: docMeta.title, language: docMeta.language, dropLines });
    if (parsed.sections.length === 0) reject('empty', 'After removing boilerplate lines, the document has no text left.');
    const previous = base.stored?.documents.find((d) => d.meta.id === docMeta.id);
    if (previous && !previous.parsed.unnumbered && parsed.unnumbered) {
      reject(
        'no-sections',
        `No numbered sections (like "一、" or "4.2.3") were found, but the version in service of "${docMeta.title}" has ${previous.parsed.sections.length}. ` +
          'Check that this is the right file and that its headings are numbered.',
      );
    }

    const overrides = new Map<string, string>([[docMeta.file, extracted.text]]);
    if (!existing) {
      const json = JSON.parse(metaRaw) as { documents: unknown[] };
      json.documents.push(docMeta);
      overrides.set(CORPUS_META_FILE, `${JSON.stringify(json, null, 2)}\n`);
    }
    const { corpus, summary, changes, stamped } = await this.prepare(base, overrides);
    const own = changes.filter((c) => c.docId === docMeta.id);
    if (existing && previous && own.length === 0) {
      reject('unchanged', `The document is the same as the version of "${docMeta.title}" in service (all ${parsed.sections.length} sections unchanged); there is nothing to update.`);
    }
    const notes: string[] = [];
    const others = [...new Set(changes.filter((c) => c.docId !== docMeta.id).map((c) => c.docId))];
    if (others.length > 0) notes.push(`corpus/ also holds changes not yet indexed (${others.join(', ')}); they will go live too.`);
    notes.push(...stamped);
    const outdated = translationsOutdatedBy(base.stored, corpus);
    notes.push(...outdatedWarnings(outdated));

    const upload: UploadInfo = {
      filename,
      format: extracted.format,
      ...(extracted.encoding ? { encoding: extracted.encoding } : {}),
      ...(extracted.pages ? { pages: extracted.pages } : {}),
      docId: docMeta.id,
      title: docMeta.title,
      isNew: !existing,
      matchedBy: match.by,
      matchDetail: match.detail,
      file: docMeta.file,
      sections: parsed.sections.length,
      characters: [...extracted.text].length,
    };
    return this.remember({
      kind: 'document',
      ...(outdated.length > 0 ? { outdatedTranslations: outdated } : {}),
      base,
      summary,
      unchanged: false,
      notes,
      document: upload,
      purpose: `upload of ${filename}`,
      corpusHash: corpus.hash,
      overrides,
      expected: await fingerprint(this.options.corpusDir, overrides.keys()),
      upload: { filename, bytes: new Uint8Array(bytes) },
    });
  }

  /** `/rollback`, `planbot index --rollback`: what returning to the previous version would change. */
  async previewRollback(): Promise<Preview> {
    const base = await this.base();
    if (!base.version || !base.manifest) throw new ReindexError('no-index', 'There is no index in service yet, so there is nothing to roll back.');
    const target = base.manifest.previous;
    if (!target) throw new ReindexError('no-previous', `Index ${base.version} has no earlier version recorded to return to.`);
    const targetManifest = await readManifest(path.join(this.options.indexesDir, target)).catch(() => undefined);
    if (!targetManifest) throw new ReindexError('no-previous', `The previous version ${target} is no longer on disk (or is damaged), so there is nothing to roll back to.`);
    if (!sameEmbedder(targetManifest, this.options.embedder)) {
      throw new ReindexError('no-previous', `The previous version ${target} was built with the ${targetManifest.embedder.name} embedder and this process uses ${this.options.embedder.name}; it cannot be served here.`);
    }
    const targetStored = await this.readStored(target);
    const { documents, sections } = compareCorpora(base.stored ?? { documents: [] }, targetStored);
    const summary = summarize(sections, documents, countSections(targetStored));
    const notes = [`corpus/ will be restored to the files version ${target} was built from (the current ones are kept in corpus/history/).`];
    return this.remember({ kind: 'rollback', base, summary, unchanged: false, notes, targetVersion: target, purpose: `rollback to ${target}` });
  }

  // ---- confirmation --------------------------------------------------------

  /**
   * Carries out a previewed change: builds (or, for a rollback, verifies) the
   * version, saves corpus files, switches CURRENT, prunes old versions and puts
   * the version into service here. Throws IndexBusyError when another re-index
   * is running (the preview stays confirmable), ReindexError when the preview
   * expired or the index/corpus changed since it was made.
   */
  async confirm(id: string, options: { onProgress?: BuildProgress } = {}): Promise<SwitchReport> {
    const kind = this.pendingPreview(id)?.kind;
    try {
      const report = await this.confirmPending(id, options);
      if (kind) this.options.onRun?.(kind, 'switched');
      return report;
    } catch (err) {
      if (kind) this.options.onRun?.(kind, err instanceof IndexBusyError ? 'busy' : 'failed');
      throw err;
    }
  }

  private async confirmPending(id: string, options: { onProgress?: BuildProgress }): Promise<SwitchReport> {
    const pending = this.take(id);
    const started = performance.now();
    const lock = await this.locker.acquire(pending.purpose);
    this.pending.delete(id);
    this.forgetShared(id);
    try {
      const current = await readCurrentVersion(this.options.indexesDir);
      if (current !== pending.preview.baseVersion) {
        throw new ReindexError('stale', `The index changed since this preview (now ${current ?? 'none'}, previewed against ${pending.preview.baseVersion ?? 'none'}). Start again to see the up-to-date changes.`);
      }
      const report = pending.preview.kind === 'rollback' ? await this.doRollback(pending, options) : await this.doBuild(pending, options);
      report.pruned = await pruneVersions(this.options.indexesDir, this.keep);
      await this.putInService(report.version, report.notes);
      report.tookMs = Math.round(performance.now() - started);
      this.options.log?.info({ kind: report.kind, version: report.version, previous: report.previousVersion, tookMs: report.tookMs, pruned: report.pruned }, 'index version switched');
      return report;
    } finally {
      await lock.release();
    }
  }

  /** Drops a preview; false when there was none (expired, or already confirmed). */
  cancel(id: string): boolean {
    this.expire();
    this.forgetShared(id);
    return this.pending.delete(id);
  }

  /**
   * A preview still waiting for confirmation, also one made by another worker sharing the
   * database (it is fetched into this process, so confirm and cancel then work here).
   */
  async fetchPreview(id: string): Promise<Preview | undefined> {
    const local = this.pendingPreview(id);
    if (local || !this.options.sharedPreviews) return local;
    try {
      const body = await this.options.sharedPreviews.load(id);
      const pending = body ? parsePending(body) : undefined;
      if (!pending || pending.expiresAt <= this.now().getTime()) return undefined;
      this.pending.set(id, pending);
      return pending.preview;
    } catch (err) {
      this.options.log?.warn({ err: err instanceof Error ? err.message : String(err), previewId: id }, 'could not read a dry run shared by another worker');
      return undefined;
    }
  }

  /** A preview still waiting for confirmation. */
  pendingPreview(id: string): Preview | undefined {
    this.expire();
    return this.pending.get(id)?.preview;
  }

  /** `planbot index`: preview and confirm in one go. Unless forced, an unchanged corpus is not rebuilt. */
  async rebuild(options: { force?: boolean; onProgress?: BuildProgress } = {}): Promise<SwitchReport> {
    const started = performance.now();
    const preview = await this.previewRebuild();
    const base = preview.unchanged && !options.force && preview.baseVersion ? await readManifest(path.join(this.options.indexesDir, preview.baseVersion)) : undefined;
    // Same corpus but terms made by older search text rules: rebuilt, or questions would miss them.
    if (base && (base.textRules ?? 1) === SEARCH_TEXT_RULES) {
      this.cancel(preview.id);
      return { kind: 'rebuild', switched: false, version: base.version, createdAt: base.createdAt, tookMs: Math.round(performance.now() - started), summary: preview.summary, pruned: [], notes: ['corpus/ has not changed since this version was built; nothing to do (use --force to rebuild anyway).'] };
    }
    return this.confirm(preview.id, options.onProgress ? { onProgress: options.onProgress } : {});
  }

  /** `planbot index --rollback`: preview and confirm in one go. */
  async rollback(): Promise<SwitchReport> {
    const preview = await this.previewRollback();
    return this.confirm(preview.id);
  }

  // ---- information ---------------------------------------------------------

  /** `/changes [section]`: the differences between the version in service and the one before it. */
  async changes(sectionInput?: string): Promise<ChangesReport> {
    const base = await this.base();
    if (!base.version || !base.manifest) throw new ReindexError('no-index', 'There is no index in service yet.');
    const recorded = await readVersionChanges(path.join(this.options.indexesDir, base.version));
    const report: ChangesReport = { version: base.version, createdAt: base.manifest.createdAt, sectionKnown: true, entries: [], documents: [], outdatedTranslations: base.stored ? outdatedTranslationsOf(base.stored) : [] };
    let entries: SectionChange[] = [];
    if (recorded?.base) {
      report.base = recorded.base;
      if (recorded.baseCreatedAt) report.baseCreatedAt = recorded.baseCreatedAt;
      report.documents = recorded.documents.filter((d) => d.status !== 'unchanged');
      entries = recorded.sections;
    }
    if (sectionInput?.trim()) {
      const known = new Set([...(base.stored?.documents.flatMap((d) => d.parsed.sections.map((s) => s.id)) ?? []), ...entries.map((e) => e.sectionId)]);
      const direct = toHalfWidth(sectionInput).trim().replace(/^§\s*/, '').replace(/[.。]$/, '');
      const id = known.has(direct) ? direct : findSectionReferences(sectionInput, (x) => known.has(x))[0];
      report.sectionId = id ?? direct;
      report.sectionKnown = id !== undefined;
      entries = entries.filter((e) => e.sectionId === report.sectionId);
      report.outdatedTranslations = report.outdatedTranslations.filter((o) => o.sectionId === report.sectionId);
    }
    report.entries = entries.map(sectionDiff);
    return report;
  }

  /** `planbot versions`, newest first. */
  versions(): Promise<VersionInfo[]> {
    return listVersions(this.options.indexesDir);
  }

  /** The re-index running right now (in any process), if any. */
  running(): Promise<LockInfo | undefined> {
    return this.locker.current();
  }

  // ---- internals -----------------------------------------------------------

  private async doBuild(pending: PendingChange, options: { onProgress?: BuildProgress }): Promise<SwitchReport> {
    const { preview } = pending;
    if (pending.expected) {
      const moved = await changedSince(this.options.corpusDir, pending.expected);
      if (moved.length > 0) throw new ReindexError('stale', `corpus/${moved.join(', corpus/')} changed since this preview. Start again to see the up-to-date changes.`);
    }
    const corpus = await loadCorpus(this.options.corpusDir, pending.overrides ? { overrides: pending.overrides } : {});
    if (pending.corpusHash && corpus.hash !== pending.corpusHash) {
      throw new ReindexError('stale', 'corpus/ changed since this preview. Start again to see the up-to-date changes.');
    }
    const result = await buildIndex(corpus, {
      indexesDir: this.options.indexesDir,
      embedder: this.options.embedder,
      noSwitch: true,
      previous: preview.baseVersion ?? null,
      now: this.now(),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    let written: CorpusEditResult | undefined;
    try {
      // Never switch to a version that does not load.
      await openKnowledgeBase({ indexesDir: this.options.indexesDir, embedder: this.options.embedder, version: result.version });
      if (pending.overrides) {
        written = await applyCorpusEdit(
          this.options.corpusDir,
          {
            writes: pending.overrides,
            label: preview.document?.docId ?? 'rebuild',
            description: preview.document
              ? `${preview.document.isNew ? 'new document' : 'new version of'} ${preview.document.docId} from ${preview.document.filename}`
              : 'translations stamped as made for the earlier text of changed sections',
            ...(pending.upload ? { upload: pending.upload } : {}),
          },
          this.now(),
        );
      }
    } catch (err) {
      await rm(result.dir, { recursive: true, force: true });
      throw err;
    }
    await switchCurrentVersion(this.options.indexesDir, result.version);
    return {
      kind: preview.kind,
      switched: true,
      version: result.version,
      ...(preview.baseVersion ? { previousVersion: preview.baseVersion } : {}),
      createdAt: result.manifest.createdAt,
      tookMs: 0,
      summary: preview.summary,
      pruned: [],
      ...(written ? { corpus: written } : {}),
      notes: [],
    };
  }

  private async doRollback(pending: PendingChange, _options: { onProgress?: BuildProgress }): Promise<SwitchReport> {
    const target = pending.preview.targetVersion!;
    const kb = await openKnowledgeBase({ indexesDir: this.options.indexesDir, embedder: this.options.embedder, version: target }).catch((err: Error) => {
      throw new ReindexError('no-previous', `The previous version ${target} cannot be loaded (${err.message}); nothing was changed.`);
    });
    await switchCurrentVersion(this.options.indexesDir, target);
    const notes: string[] = [];
    let corpus: CorpusEditResult | undefined;
    try {
      corpus = await this.restoreCorpus(target);
      if (!corpus) notes.push(`Version ${target} has no copy of its corpus files; corpus/ was left as it is (a rebuild would bring the newer text back).`);
    } catch (err) {
      notes.push(`The index is back on ${target}, but corpus/ could not be restored (${(err as Error).message}); a rebuild would bring the newer text back.`);
    }
    return {
      kind: 'rollback',
      switched: true,
      version: target,
      ...(pending.preview.baseVersion ? { previousVersion: pending.preview.baseVersion } : {}),
      createdAt: kb.manifest.createdAt,
      tookMs: 0,
      summary: pending.preview.summary,
      pruned: [],
      ...(corpus ? { corpus } : {}),
      notes,
    };
  }

  /** Copies a version's source snapshot back into corpus/, keeping the files it replaces. */
  private async restoreCorpus(version: string): Promise<CorpusEditResult | undefined> {
    const sourceDir = path.join(this.options.indexesDir, version, SOURCE_DIR);
    const files = await listFiles(sourceDir);
    if (files.length === 0) return undefined;
    const writes = new Map<string, string>();
    const current = await fingerprint(this.options.corpusDir, files);
    for (const file of files) {
      const text = await readFile(path.join(sourceDir, file), 'utf8');
      if (current.get(file) !== sha256(text)) writes.set(file, text);
    }
    // Documents (and translations) corpus.json names now but the target version did not have:
    // added since, e.g. by an ingest of a new document. They leave corpus/ with their entry.
    const removes = (await filesNamedByCorpus(this.options.corpusDir)).filter((f) => !files.includes(f));
    if (writes.size === 0 && removes.length === 0) return { written: [] };
    return applyCorpusEdit(this.options.corpusDir, { writes, removes, label: 'rollback', description: `corpus restored to the files of index version ${version}` }, this.now());
  }

  private async putInService(version: string, notes: string[]): Promise<void> {
    if (!this.options.afterSwitch) return;
    try {
      await this.options.afterSwitch(version);
    } catch (err) {
      notes.push(`Version ${version} is current, but this process could not load it yet (${(err as Error).message}).`);
    }
  }

  private take(id: string): PendingChange {
    this.expire();
    const pending = this.pending.get(id);
    if (!pending) throw new ReindexError('no-pending', 'This preview has expired or was already confirmed or cancelled. Start again (send the document again, or /reindex).');
    return pending;
  }

  private expire(): void {
    const now = this.now().getTime();
    for (const [id, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(id);
  }

  private remember(input: {
    kind: PreviewKind;
    base: BaseState;
    summary: ChangeSummary;
    unchanged: boolean;
    notes: string[];
    purpose: string;
    document?: UploadInfo;
    targetVersion?: string;
    corpusHash?: string;
    overrides?: Map<string, string>;
    expected?: Map<string, string | null>;
    upload?: { filename: string; bytes: Uint8Array };
    outdatedTranslations?: OutdatedByChange[];
  }): Preview | Promise<Preview> {
    this.expire();
    const id = randomBytes(4).toString('hex');
    const expiresAt = this.now().getTime() + this.ttlMs;
    const preview: Preview = {
      id,
      kind: input.kind,
      ...(input.base.version ? { baseVersion: input.base.version } : {}),
      ...(input.targetVersion ? { targetVersion: input.targetVersion } : {}),
      ...(input.document ? { document: input.document } : {}),
      summary: input.summary,
      unchanged: input.unchanged,
      notes: input.notes,
      ...(input.outdatedTranslations ? { outdatedTranslations: input.outdatedTranslations } : {}),
      expiresAt: new Date(expiresAt).toISOString(),
    };
    const pending: PendingChange = {
      preview,
      purpose: input.purpose,
      expiresAt,
      ...(input.corpusHash ? { corpusHash: input.corpusHash } : {}),
      ...(input.overrides ? { overrides: input.overrides } : {}),
      ...(input.expected ? { expected: input.expected } : {}),
      ...(input.upload ? { upload: input.upload } : {}),
    };
    this.pending.set(id, pending);
    const shared = this.options.sharedPreviews;
    if (!shared) return preview;
    // Shown to the admin only once the other workers can find it too (Confirm may reach any of them).
    return shared.save(id, serializePending(pending), new Date(expiresAt)).then(
      () => preview,
      (err: unknown) => {
        this.options.log?.warn({ err: err instanceof Error ? err.message : String(err), previewId: id }, 'could not share a dry run with other workers: confirm it on this one');
        return preview;
      },
    );
  }

  /** Drops a shared dry run (confirmed or cancelled here), best effort. */
  private forgetShared(id: string): void {
    void this.options.sharedPreviews?.delete(id).catch(() => undefined);
  }

  /**
   * Loads the corpus as it would be (disk plus `overrides`) and compares it with
   * the version in service. Translations made for a section's earlier text are
   * stamped with that text's hash (in `overrides`, saved on confirmation), so
   * the Assistant marks them outdated instead of passing them off as current.
   */
  private async prepare(base: BaseState, overrides: Map<string, string>): Promise<{ corpus: LoadedCorpus; summary: ChangeSummary; changes: SectionChange[]; overrides: Map<string, string>; stamped: string[] }> {
    let corpus = await loadCorpus(this.options.corpusDir, { overrides });
    let compared = this.compare(base.stored, corpus);
    const stamps = stampOutdatedTranslations(corpus, compared.changes);
    if (stamps.files.size > 0) {
      for (const [file, text] of stamps.files) overrides.set(file, text);
      corpus = await loadCorpus(this.options.corpusDir, { overrides });
      compared = this.compare(base.stored, corpus);
    }
    return { corpus, ...compared, overrides, stamped: stamps.notes };
  }

  private compare(before: StoredCorpus | undefined, corpus: LoadedCorpus): { summary: ChangeSummary; changes: SectionChange[] } {
    const after = storedCorpusOf(corpus);
    const { documents, sections } = compareCorpora(before ?? { documents: [] }, after);
    return { summary: summarize(sections, documents, countSections(after)), changes: sections };
  }

  private async base(): Promise<BaseState> {
    const version = await readCurrentVersion(this.options.indexesDir);
    if (!version) return {};
    const manifest = await readManifest(path.join(this.options.indexesDir, version)).catch(() => undefined);
    const stored = await this.readStored(version).catch(() => undefined);
    return { version, ...(manifest ? { manifest } : {}), ...(stored ? { stored } : {}) };
  }

  private async readStored(version: string): Promise<StoredCorpus> {
    return JSON.parse(await readFile(path.join(this.options.indexesDir, version, FILES.corpus), 'utf8')) as StoredCorpus;
  }

  private async newDocumentMeta(meta: CorpusMeta, filename: string, text: string): Promise<DocumentMeta> {
    const stem = path.basename(filename, path.extname(filename));
    const slug = stem.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
    const stamp = this.now().toISOString().slice(0, 10).replace(/-/g, '');
    let id = slug.length >= 3 ? slug : `document-${stamp}`;
    const ids = new Set(meta.documents.map((d) => d.id));
    for (let n = 2; ids.has(id); n++) id = `${slug.length >= 3 ? slug : `document-${stamp}`}-${n}`;
    const taken = new Set([...meta.documents.map((d) => d.file), ...(await readdir(this.options.corpusDir).catch(() => [] as string[]))]);
    let file = `${id}.txt`;
    for (let n = 2; taken.has(file); n++) file = `${id}-${n}.txt`;
    const firstLine = text.split('\n').map((l) => l.trim()).find((l) => /[\p{L}\p{N}]/u.test(l)) ?? stem;
    const title = [...firstLine].length <= 80 ? firstLine : `${[...firstLine].slice(0, 79).join('')}…`;
    const detected = detectLanguage(text.slice(0, 2000));
    const language = detected.lang === 'other' ? (detected.code ?? 'und') : detected.lang;
    return { id, file, title, language, source: `Uploaded as ${safeName(filename)} on ${this.now().toISOString().slice(0, 10)}.`, translations: [] };
  }
}

interface BaseState {
  version?: string;
  manifest?: Manifest;
  stored?: StoredCorpus;
}

function sameEmbedder(manifest: Manifest, embedder: Embedder): boolean {
  return manifest.embedder.name === embedder.name && manifest.embedder.model === embedder.model && manifest.embedder.dimension === embedder.dimension;
}

/** A line for the dry run when corpus/thesaurus/ differs from the thesaurus the version in service was built with. */
function thesaurusChange(manifest: Manifest, corpus: LoadedCorpus): string | undefined {
  const before = manifest.thesaurus;
  const after = corpus.thesaurus && corpus.thesaurus.concepts.length > 0 ? thesaurusSummary(corpus.thesaurus) : undefined;
  if ((before?.hash ?? '') === (after?.hash ?? '')) return undefined;
  if (!after) return 'The thesaurus was removed (corpus/thesaurus/ holds no concepts).';
  return `The thesaurus changed: ${after.concepts} concepts, ${after.labels} labels${before ? ` (was ${before.concepts} concepts, ${before.labels} labels)` : ' (new)'}.`;
}

function countSections(stored: StoredCorpus): number {
  return stored.documents.reduce((n, d) => n + d.parsed.sections.length, 0);
}

/** The document and translation files the corpus.json in corpus/ names (none when it cannot be read). */
async function filesNamedByCorpus(corpusDir: string): Promise<string[]> {
  try {
    const meta = parseCorpusMeta(await readFile(path.join(corpusDir, CORPUS_META_FILE), 'utf8'), CORPUS_META_FILE);
    return meta.documents.flatMap((d) => [d.file, ...d.translations.map((t) => t.file)]);
  } catch {
    return [];
  }
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const rel = prefix ? path.join(prefix, e.name) : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}

/** A dry run as JSON for other workers: Maps as entry lists, an uploaded document as base64. */
function serializePending(p: PendingChange): string {
  return JSON.stringify({
    ...p,
    overrides: p.overrides ? [...p.overrides] : undefined,
    expected: p.expected ? [...p.expected] : undefined,
    upload: p.upload ? { filename: p.upload.filename, bytes: Buffer.from(p.upload.bytes).toString('base64') } : undefined,
  });
}

function parsePending(body: string): PendingChange {
  const raw = JSON.parse(body) as Omit<PendingChange, 'overrides' | 'expected' | 'upload'> & {
    overrides?: [string, string][];
    expected?: [string, string | null][];
    upload?: { filename: string; bytes: string };
  };
  return {
    preview: raw.preview,
    purpose: raw.purpose,
    expiresAt: raw.expiresAt,
    ...(raw.corpusHash ? { corpusHash: raw.corpusHash } : {}),
    ...(raw.overrides ? { overrides: new Map(raw.overrides) } : {}),
    ...(raw.expected ? { expected: new Map(raw.expected) } : {}),
    ...(raw.upload ? { upload: { filename: raw.upload.filename, bytes: new Uint8Array(Buffer.from(raw.upload.bytes, 'base64')) } } : {}),
  };
}
