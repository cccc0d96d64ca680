import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Index versions live in their own folders under indexes/; the file CURRENT names
 * the one in service. Switching rewrites CURRENT through a rename, which is atomic,
 * so a reader sees either the old or the new version, never half of one.
 */
export const CURRENT_FILE = 'CURRENT';
const TEMP_PREFIX = '.building-';

export async function readCurrentVersion(indexesDir: string): Promise<string | undefined> {
  try {
    const name = (await readFile(path.join(indexesDir, CURRENT_FILE), 'utf8')).trim();
    return name || undefined;
  } catch {
    return undefined;
  }
}

export async function switchCurrentVersion(indexesDir: string, version: string): Promise<void> {
  const tmp = path.join(indexesDir, `${CURRENT_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, `${version}\n`);
  await rename(tmp, path.join(indexesDir, CURRENT_FILE));
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

/** Removes folders left by builds that crashed or were killed half-way. */
export async function removeBuildLeftovers(indexesDir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(indexesDir);
  } catch {
    return [];
  }
  const leftovers = entries.filter((e) => e.startsWith(TEMP_PREFIX) || /^CURRENT\.\d+\.tmp$/.test(e));
  await Promise.all(leftovers.map((e) => rm(path.join(indexesDir, e), { recursive: true, force: true })));
  return leftovers;
}

/** A sortable, readable version name: 20261129-001500-1a2b3c4d. */
export function newVersionName(corpusHash: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${corpusHash.slice(0, 8)}`;
}
