import { copyFile, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../../engine/text/sha256.js';

/**
 * Changes to corpus/ are made so that nothing is ever lost: every file about to
 * be replaced is first copied into corpus/history/<time>-<what>/ (with the
 * original upload and a change.json saying what happened), then each new file
 * is written beside its target and renamed over it. corpus.json is written
 * last, so it never names a document file that is not there yet.
 */
const HISTORY_DIR = 'history';

export interface CorpusEdit {
  /** New file texts by path relative to corpus/. */
  writes: ReadonlyMap<string, string>;
  /**
   * Files to take out of corpus/ (moved into the history folder), after corpus.json is
   * written: a rollback of an ingest that added a document removes the file it added.
   */
  removes?: readonly string[];
  /** What the upload was, kept with the replaced files. */
  upload?: { filename: string; bytes: Uint8Array };
  /** Short name for the history folder: a document id, 'rollback'. */
  label: string;
  /** One line for change.json. */
  description: string;
}

export interface CorpusEditResult {
  written: string[];
  /** Files taken out of corpus/ (kept in the history folder). */
  removed?: string[];
  /** Where the replaced files (and the upload) were kept, relative to corpus/. */
  historyDir?: string;
}

/** sha256 of each file as it is now (null when absent), to notice edits made between a preview and its confirmation. */
export async function fingerprint(corpusDir: string, files: Iterable<string>): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const file of files) out.set(file, await readFile(path.join(corpusDir, file)).then(sha256, () => null));
  return out;
}

/** The files whose content differs from a fingerprint taken earlier. */
export async function changedSince(corpusDir: string, expected: ReadonlyMap<string, string | null>): Promise<string[]> {
  const now = await fingerprint(corpusDir, expected.keys());
  return [...expected].filter(([file, sha]) => now.get(file) !== sha).map(([file]) => file);
}

export async function applyCorpusEdit(corpusDir: string, edit: CorpusEdit, now = new Date()): Promise<CorpusEditResult> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const historyRel = path.join(HISTORY_DIR, `${stamp}-${safeName(edit.label)}`);
  const historyDir = await uniqueDir(path.join(corpusDir, historyRel));
  const kept: string[] = [];
  for (const file of [...edit.writes.keys(), ...(edit.removes ?? [])]) {
    const source = path.join(corpusDir, file);
    const target = path.join(historyDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await copyFile(source, target);
      kept.push(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  if (edit.upload) {
    await mkdir(path.join(historyDir, 'upload'), { recursive: true });
    await writeFile(path.join(historyDir, 'upload', safeName(path.basename(edit.upload.filename)) || 'document'), edit.upload.bytes);
  }
  await writeFile(
    path.join(historyDir, 'change.json'),
    `${JSON.stringify({ at: now.toISOString(), change: edit.description, replaced: kept, written: [...edit.writes.keys()], removed: edit.removes ?? [], upload: edit.upload?.filename }, null, 2)}\n`,
  );

  const order = [...edit.writes.keys()].sort((a, b) => Number(a === 'corpus.json') - Number(b === 'corpus.json'));
  for (const file of order) {
    const target = path.join(corpusDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, edit.writes.get(file)!);
    await rename(tmp, target);
  }
  // Removed last: corpus.json no longer names them by now. Each was copied into the history folder above.
  const removed: string[] = [];
  for (const file of edit.removes ?? []) {
    try {
      await unlink(path.join(corpusDir, file));
      removed.push(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return { written: order, ...(removed.length > 0 ? { removed } : {}), historyDir: path.relative(corpusDir, historyDir) };
}

/** Letters, digits, '.', '-' and '_' only, so an uploaded name can never point outside its folder. */
export function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '').slice(0, 100);
}

async function uniqueDir(dir: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? dir : `${dir}-${n}`;
    try {
      await mkdir(candidate, { recursive: false });
      return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        await mkdir(path.dirname(candidate), { recursive: true });
        n--;
        continue;
      }
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
