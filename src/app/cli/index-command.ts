import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createReindexService } from '../live.js';
import { createLogger } from '../logger.js';
import type { Logger } from 'pino';
import { loadSettings, type Settings } from '../settings.js';
import { chooseEmbedder } from '../../engine/index/embedders/choose.js';
import { readManifest } from '../../engine/index/manifest.js';
import { readCurrentVersion, removeBuildLeftovers } from '../../engine/index/store.js';
import { renderChanges, renderPreview, renderSwitchReport, renderVersions } from '../../services/reindex/render.js';
import { reindexErrorMessage, type ReindexService } from '../../services/reindex/service.js';
import { listVersions } from '../../services/reindex/versions.js';
import { progressPrinter } from '../../adapters/cli/progress.js';
import { cannotRead } from './file-errors.js';

/** The re-index service for one CLI command, with the embedder the current index was built with (EMBEDDER=auto). */
async function openService(): Promise<{ settings: Settings; log: Logger; service: ReindexService }> {
  const settings = loadSettings();
  const log = createLogger(settings.LOG_LEVEL ?? 'warn', settings.LOG_FORMAT);
  const leftovers = await removeBuildLeftovers(settings.indexesDir);
  if (leftovers.length > 0) process.stderr.write(`Removed leftovers of an unfinished index build: ${leftovers.join(', ')}\n`);
  const version = await readCurrentVersion(settings.indexesDir);
  const manifest = version ? await readManifest(path.join(settings.indexesDir, version)).catch(() => undefined) : undefined;
  const embedder = await chooseEmbedder(settings, log, manifest?.embedder);
  return { settings, log, service: createReindexService(settings, log, embedder) };
}

/** Errors the admin can act on are printed as they are, not as crashes. */
function fail(err: unknown): never {
  throw new Error(reindexErrorMessage(err));
}

/** `planbot index [--dry-run] [--rollback] [--force]`. */
export async function runIndexCommand(options: { dryRun?: boolean; rollback?: boolean; force?: boolean } = {}): Promise<void> {
  const { service } = await openService();
  try {
    if (options.rollback) {
      const preview = await service.previewRollback();
      if (options.dryRun) {
        process.stdout.write(`${renderPreview(preview, { confirmHint: 'Nothing has been changed (dry run).' })}\n`);
        service.cancel(preview.id);
        return;
      }
      process.stdout.write(`${renderSwitchReport(await service.confirm(preview.id))}\n`);
      return;
    }
    if (options.dryRun) {
      const preview = await service.previewRebuild();
      service.cancel(preview.id);
      process.stdout.write(`${renderPreview(preview, { confirmHint: 'Nothing has been changed (dry run). Run `planbot index` to build and switch.' })}\n`);
      return;
    }
    const report = await service.rebuild({ ...(options.force ? { force: true } : {}), onProgress: progressPrinter('Indexing') });
    process.stdout.write(`${renderSwitchReport(report)}\n`);
  } catch (err) {
    fail(err);
  }
}

/** `planbot versions`. */
export async function runVersionsCommand(): Promise<void> {
  const settings = loadSettings();
  process.stdout.write(`${renderVersions(await listVersions(settings.indexesDir))}\n`);
}

/** `planbot changes [section]`. */
export async function runChangesCommand(section?: string): Promise<void> {
  const { service } = await openService();
  try {
    const report = await service.changes(section);
    // A section that is in neither version is an error for scripts: the message on stderr, exit code 1.
    (report.sectionKnown ? process.stdout : process.stderr).write(`${renderChanges(report)}\n`);
    if (!report.sectionKnown) process.exitCode = 1;
  } catch (err) {
    fail(err);
  }
}

/** `planbot ingest <file> [--as <id|new>] [--yes] [--dry-run]`: the chat upload flow from a terminal. */
export async function runIngestCommand(file: string, options: { as?: string; yes?: boolean; dryRun?: boolean }): Promise<void> {
  const bytes = await readFile(file).catch((err: unknown) => {
    throw new Error(`${cannotRead(file, err, 'document').message} Nothing was changed.`);
  });
  const { service } = await openService();
  try {
    const preview = await service.previewDocument(path.basename(file), bytes, options.as ? { target: options.as } : {});
    if (options.dryRun) {
      service.cancel(preview.id);
      process.stdout.write(`${renderPreview(preview, { confirmHint: `Nothing has been saved (dry run). Run \`planbot ingest ${file}\` to save it, build and switch.` })}\n`);
      return;
    }
    process.stdout.write(`${renderPreview(preview, { confirmHint: '' })}\n`);
    let go = options.yes === true;
    if (!go && process.stdin.isTTY) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      go = /^y(es)?$/i.test((await rl.question('Build and switch? [y/N] ')).trim());
      rl.close();
    }
    if (!go) {
      service.cancel(preview.id);
      process.stdout.write(options.yes === undefined && !process.stdin.isTTY ? 'Nothing changed (pass --yes to confirm).\n' : 'Cancelled; nothing changed.\n');
      return;
    }
    process.stdout.write(`${renderSwitchReport(await service.confirm(preview.id, { onProgress: progressPrinter('Indexing') }))}\n`);
  } catch (err) {
    fail(err);
  }
}
