/**
 * `planbot backup FILE` and `planbot restore FILE`: one tar.gz holding what an install cannot
 * rebuild by itself — the SQLite database (status, history, question log, feedback, the question
 * log's salt), corpus/ with its history/ (and thesaurus/ when present), and the index version in
 * service (its manifest included), so a restore answers at once, exactly as before.
 *
 * Layout of the archive:
 *   planbot-backup.json        what is inside (BackupInfo)
 *   data/planbot.sqlite        a consistent copy made with VACUUM INTO (absent with PostgreSQL)
 *   corpus/...                 CORPUS_DIR as it is
 *   indexes/<version>/...      the current index version; indexes/CURRENT names it
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { create as createTar, extract as extractTar } from 'tar';
import type { Settings } from './settings.js';
import { readCurrentVersion, switchCurrentVersion } from '../engine/index/store.js';
import { DATABASE_FILE } from '../services/storage/open.js';

const BACKUP_INFO_FILE = 'planbot-backup.json';
const FORMAT = 1;

interface BackupInfo {
  format: number;
  createdAt: string;
  /** 'sqlite' when data/planbot.sqlite is inside; 'postgresql' when the database is backed up with pg_dump instead. */
  database: 'sqlite' | 'postgresql' | 'none';
  indexVersion?: string;
  corpusFiles: number;
}

export interface BackupReport {
  file: string;
  bytes: number;
  info: BackupInfo;
  notes: string[];
}

export interface BackupOptions {
  /** DATABASE_URL: the database is PostgreSQL, backed up with pg_dump, not by PlanBot. */
  databaseUrl?: string;
}

/** Writes the archive to `file` (replacing it only once complete). */
export async function createBackup(settings: Settings, file: string, options: BackupOptions = {}): Promise<BackupReport> {
  const target = path.resolve(file);
  if (!/\.(tar\.gz|tgz)$/i.test(target)) throw new Error(`The backup file should end in .tar.gz or .tgz (got ${path.basename(target)}).`);
  const stage = await mkdtemp(path.join(os.tmpdir(), 'planbot-backup-'));
  const notes: string[] = [];
  try {
    if (!(await isFile(path.join(settings.corpusDir, 'corpus.json')))) {
      throw new Error(`${settings.corpusDir} has no corpus.json: there is no PlanBot install to back up here (check CORPUS_DIR).`);
    }
    await cp(settings.corpusDir, path.join(stage, 'corpus'), { recursive: true });
    const corpusFiles = (await listFiles(path.join(stage, 'corpus'))).length;

    let database: BackupInfo['database'] = 'none';
    if (options.databaseUrl) {
      database = 'postgresql';
      notes.push('DATABASE_URL is set: the database is not in this archive. Back it up with pg_dump (see docs/deploy.md), e.g. pg_dump --format=custom --file=planbot.dump "$DATABASE_URL".');
    } else {
      const dbFile = path.join(settings.dataDir, DATABASE_FILE);
      if (await isFile(dbFile)) {
        await mkdir(path.join(stage, 'data'));
        await snapshotSqlite(dbFile, path.join(stage, 'data', DATABASE_FILE));
        database = 'sqlite';
      } else {
        notes.push(`There is no database yet (${dbFile}): nothing was tracked or logged; the archive holds corpus/ and the index only.`);
      }
    }

    const version = await readCurrentVersion(settings.indexesDir);
    if (version) {
      await cp(path.join(settings.indexesDir, version), path.join(stage, 'indexes', version), { recursive: true });
      await writeFile(path.join(stage, 'indexes', 'CURRENT'), `${version}\n`);
    } else {
      notes.push('No index version is in service: a restore will build one from corpus/.');
    }

    const info: BackupInfo = { format: FORMAT, createdAt: new Date().toISOString(), database, ...(version ? { indexVersion: version } : {}), corpusFiles };
    await writeFile(path.join(stage, BACKUP_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);

    const entries = [BACKUP_INFO_FILE, 'corpus', ...(database === 'sqlite' ? ['data'] : []), ...(version ? ['indexes'] : [])];
    const partial = `${target}.partial-${process.pid}`;
    await mkdir(path.dirname(target), { recursive: true });
    await createTar({ gzip: true, file: partial, cwd: stage, portable: true }, entries);
    await rename(partial, target);
    return { file: target, bytes: (await stat(target)).size, info, notes };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/**
 * SQLite's own consistent copy of a live database (VACUUM INTO reads one snapshot, so writes by a
 * running bot during the backup are either wholly in it or not at all; the WAL is included).
 */
async function snapshotSqlite(source: string, target: string): Promise<void> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const conn = new sqlite3.Database(source, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(conn)));
  });
  try {
    await new Promise<void>((resolve, reject) => db.run('PRAGMA busy_timeout = 10000', (err) => (err ? reject(err) : resolve())));
    await new Promise<void>((resolve, reject) => db.run('VACUUM INTO ?', [target], (err) => (err ? reject(err) : resolve())));
  } catch (err) {
    throw new Error(`Could not copy the database ${source} (${err instanceof Error ? err.message : String(err)}).`);
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

export interface RestoreReport {
  info: BackupInfo;
  restored: string[];
  notes: string[];
}

/**
 * Unpacks an archive into the folders the settings name. Refuses, changing nothing, when an
 * install is already there (a corpus, a database or an index in service) unless `force`; then
 * corpus/ and the database are replaced and the archived index version made current.
 * Stop PlanBot before restoring: a running process keeps its database open.
 */
export async function restoreBackup(settings: Settings, file: string, options: { force?: boolean; databaseUrl?: string } = {}): Promise<RestoreReport> {
  const source = path.resolve(file);
  if (!(await isFile(source))) throw new Error(`There is no backup file ${source}.`);
  const stage = await mkdtemp(path.join(os.tmpdir(), 'planbot-restore-'));
  try {
    try {
      await extractTar({ file: source, cwd: stage, strict: true });
    } catch (err) {
      throw new Error(`${source} is not a readable PlanBot backup (${err instanceof Error ? err.message : String(err)}).`);
    }
    const info = await readInfo(stage, source);

    const dbFile = path.join(settings.dataDir, DATABASE_FILE);
    const existing = [
      ...((await isFile(path.join(settings.corpusDir, 'corpus.json'))) ? [settings.corpusDir] : []),
      ...((await isFile(dbFile)) ? [dbFile] : []),
      ...((await readCurrentVersion(settings.indexesDir)) ? [path.join(settings.indexesDir, 'CURRENT')] : []),
    ];
    if (existing.length > 0 && !options.force) {
      throw new Error(`An install is already here (${existing.join(', ')}). Restoring would replace it: stop PlanBot, then run planbot restore again with --force.`);
    }

    const restored: string[] = [];
    const notes: string[] = [];
    await replaceDir(path.join(stage, 'corpus'), settings.corpusDir);
    restored.push(settings.corpusDir);

    if (info.database === 'sqlite') {
      await mkdir(settings.dataDir, { recursive: true });
      // A stale write-ahead log beside the new file would be replayed into it.
      for (const suffix of ['-wal', '-shm', '-journal']) await rm(`${dbFile}${suffix}`, { force: true });
      await cp(path.join(stage, 'data', DATABASE_FILE), `${dbFile}.restoring`);
      await rename(`${dbFile}.restoring`, dbFile);
      restored.push(dbFile);
    } else if (info.database === 'postgresql') {
      notes.push(`The database was PostgreSQL and is not in the archive: restore it from your pg_dump (pg_restore --clean --dbname="$DATABASE_URL" planbot.dump)${options.databaseUrl ? '' : ', and set DATABASE_URL'}.`);
    }

    if (info.indexVersion) {
      const versionDir = path.join(settings.indexesDir, info.indexVersion);
      await mkdir(settings.indexesDir, { recursive: true });
      await replaceDir(path.join(stage, 'indexes', info.indexVersion), versionDir);
      await switchCurrentVersion(settings.indexesDir, info.indexVersion);
      restored.push(versionDir);
    }
    return { info, restored, notes };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function readInfo(stage: string, source: string): Promise<BackupInfo> {
  let info: BackupInfo;
  try {
    info = JSON.parse(await readFile(path.join(stage, BACKUP_INFO_FILE), 'utf8')) as BackupInfo;
  } catch {
    throw new Error(`${source} is not a PlanBot backup (it has no ${BACKUP_INFO_FILE}).`);
  }
  if (info.format !== FORMAT) throw new Error(`${source} was written in backup format ${info.format}; this PlanBot reads format ${FORMAT}. Restore it with the PlanBot version that wrote it.`);
  if (info.indexVersion !== undefined && !/^[\w.-]+$/.test(info.indexVersion)) throw new Error(`${source} names an index version that is not a folder name.`);
  return info;
}

/** Puts `from` in place of `to`: written beside it, then swapped, so a failure leaves the old folder. */
async function replaceDir(from: string, to: string): Promise<void> {
  const incoming = `${to}.restoring-${process.pid}`;
  const outgoing = `${to}.replaced-${process.pid}`;
  await rm(incoming, { recursive: true, force: true });
  await mkdir(path.dirname(to), { recursive: true });
  await cp(from, incoming, { recursive: true });
  const had = await exists(to);
  if (had) await rename(to, outgoing);
  await rename(incoming, to);
  if (had) await rm(outgoing, { recursive: true, force: true });
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) out.push(entry.name);
  return out;
}
