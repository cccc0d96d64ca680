import type { Dirent } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Index versions live in their own folders under indexes/; the file CURRENT names
 * the one in service. Switching rewrites CURRENT through a rename, which is atomic,
 * so a reader sees either the old or the new version, never half of one.
 */
const CURRENT_FILE = 'CURRENT';
const TEMP_PREFIX = '.building-';

export async function readCurrentVersion(indexesDir: string): Promise<string | undefined> {
  try {
    const name = (await readFile(path.join(indexesDir, CURRENT_FILE), 'utf8')).trim();
    return name || undefined;
  } catch {
    return undefined;
  }
}

/** Written into a version's folder once it has been made current: a complete folder without it was never served. */
export const SERVED_FILE = 'SERVED';

export async function switchCurrentVersion(indexesDir: string, version: string): Promise<void> {
  const tmp = path.join(indexesDir, `${CURRENT_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, `${version}\n`);
  await rename(tmp, path.join(indexesDir, CURRENT_FILE));
  // After the switch: a kill in between leaves a current version without the mark, and the current one always counts as served.
  await writeFile(path.join(indexesDir, version, SERVED_FILE), `${new Date().toISOString()}\n`).catch(() => undefined);
}

/** A temporary folder to build a version in; `commit` moves it into place under its final name. */
export async function createBuildDir(indexesDir: string, version: string): Promise<{ dir: string; commit: () => Promise<string> }> {
  await mkdir(indexesDir, { recursive: true });
  const dir = path.join(indexesDir, `${TEMP_PREFIX}${version}-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
  return {
    dir,
    commit: async () => {
      const final = path.join(indexesDir, version);
      await rename(dir, final);
      return final;
    },
  };
}

/**
 * Removes folders left by builds that crashed or were killed half-way. A build
 * still running in another live process (its pid is in the folder name) is left
 * alone; at start-up a folder carrying this process's own pid is a leftover of
 * an earlier process that had the same pid (containers restart as pid 1).
 */
export async function removeBuildLeftovers(indexesDir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(indexesDir);
  } catch {
    return [];
  }
  const leftovers = entries.filter((e) => {
    const owner = e.startsWith(TEMP_PREFIX) ? /-(\d+)$/.exec(e) : /^CURRENT\.(\d+)\.tmp$/.exec(e);
    if (!owner) return e.startsWith(TEMP_PREFIX);
    const pid = Number(owner[1]);
    return pid === process.pid || !processAlive(pid);
  });
  await Promise.all(leftovers.map((e) => rm(path.join(indexesDir, e), { recursive: true, force: true })));
  return leftovers;
}

/** True when a process with this id exists on this machine (signal 0 only checks). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Names of the finished version folders (anything not hidden and not a pointer file), oldest first. */
export async function listVersionDirs(indexesDir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(indexesDir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/** A version name not taken yet: two builds in the same second of the same corpus get -2, -3, … */
export async function uniqueVersionName(indexesDir: string, name: string): Promise<string> {
  const taken = new Set(await listVersionDirs(indexesDir));
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name}-${n}`)) return `${name}-${n}`;
}

/** A sortable, readable version name: 20261129-001500-1a2b3c4d. */
export function newVersionName(corpusHash: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${corpusHash.slice(0, 8)}`;
}
