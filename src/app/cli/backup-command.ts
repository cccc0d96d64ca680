import path from 'node:path';
import { createBackup, restoreBackup } from '../backup.js';
import { openKnowledge } from '../open.js';
import { createLogger } from '../logger.js';
import { loadSettings, type Settings } from '../settings.js';
import { openPlanbotDatabase } from '../../services/storage/open.js';
import { progressPrinter } from '../../adapters/cli/progress.js';
import { cannotWrite } from './file-errors.js';

/** DATABASE_URL (PostgreSQL) means the database is backed up with pg_dump, not in the archive. */
const databaseUrl = (settings: Pick<Settings, 'DATABASE_URL'>): { databaseUrl?: string } => (settings.DATABASE_URL ? { databaseUrl: settings.DATABASE_URL } : {});

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `planbot backup FILE`. */
export async function runBackupCommand(file: string): Promise<void> {
  const settings = loadSettings();
  const report = await createBackup(settings, file, databaseUrl(settings)).catch((err: unknown) => {
    throw writeError(file, err) ?? err;
  });
  const { info } = report;
  const parts = [
    info.database === 'sqlite' ? 'the database' : undefined,
    `corpus/ (${info.corpusFiles} files, history included)`,
    info.indexVersion ? `index version ${info.indexVersion}` : undefined,
  ].filter(Boolean);
  process.stdout.write(`Backed up ${parts.join(', ')} to ${report.file} (${megabytes(report.bytes)}).\n`);
  for (const note of report.notes) process.stdout.write(`Note: ${note}\n`);
}

/**
 * A file-system error on the archive's own path or one of its folders ("EEXIST: …, mkdir '/etc/passwd'")
 * said as what it means for the archive; undefined for any other error (reading the corpus, the database).
 */
function writeError(file: string, err: unknown): Error | undefined {
  const { code, path: failed } = err as NodeJS.ErrnoException;
  if (!code || !failed) return undefined;
  const target = path.resolve(file);
  const onTarget = target === path.resolve(failed) || target.startsWith(`${path.resolve(failed)}${path.sep}`);
  if (!onTarget) return undefined;
  return cannotWrite(file, err, 'backup');
}

/** `planbot restore FILE [--force]`: unpacks, then checks the install answers (building the index if the archive had none). */
export async function runRestoreCommand(file: string, options: { force?: boolean }): Promise<void> {
  const settings = loadSettings();
  const report = await restoreBackup(settings, file, { ...databaseUrl(settings), ...(options.force ? { force: true } : {}) });
  process.stdout.write(`Restored from ${file} (made ${report.info.createdAt}): ${report.restored.join(', ')}.\n`);
  for (const note of report.notes) process.stdout.write(`Note: ${note}\n`);
  // The install must be usable: the index loads (checksums verified) and the database opens and migrates.
  const log = createLogger(settings.LOG_LEVEL ?? 'warn', settings.LOG_FORMAT);
  const { kb, built } = await openKnowledge(settings, log, { buildIfMissing: true, onProgress: progressPrinter('Building the index') });
  if (!settings.DATABASE_URL) await (await openPlanbotDatabase(settings.dataDir)).close();
  process.stdout.write(`Index version ${kb.version} ${built ? 'built from the restored corpus' : 'verified'}; PlanBot is ready (npm start).\n`);
}
