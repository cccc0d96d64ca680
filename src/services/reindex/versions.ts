import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ChangeCounts } from '../../engine/index/changes.js';
import { readManifest, type Manifest } from '../../engine/index/manifest.js';
import { SERVED_FILE, listVersionDirs, readCurrentVersion } from '../../engine/index/store.js';

/** One index version as `planbot versions` and /versions show it. */
export interface VersionInfo {
  version: string;
  current: boolean;
  /** The version a rollback from the current one returns to. */
  rollbackTarget: boolean;
  createdAt?: string;
  sections?: number;
  chunks?: number;
  /** 'lexical (hashed-ngrams-v1, 2048d)' */
  embedder?: string;
  previous?: string;
  changes?: ChangeCounts;
  /** Why the folder cannot be used, when it cannot. */
  damaged?: string;
  /** Complete, but left by a build that was stopped before switching to it: never served. */
  leftover?: boolean;
}

interface ReadVersion {
  version: string;
  manifest?: Manifest;
  damaged?: string;
  served?: boolean;
}

async function readVersions(indexesDir: string): Promise<ReadVersion[]> {
  const names = await listVersionDirs(indexesDir);
  return Promise.all(
    names.map(async (version): Promise<ReadVersion> => {
      try {
        const manifest = await readManifest(path.join(indexesDir, version));
        const served = await stat(path.join(indexesDir, version, SERVED_FILE)).then(
          () => true,
          () => false,
        );
        return { version, manifest, served };
      } catch (err) {
        return { version, damaged: (err as Error).message };
      }
    }),
  );
}

/**
 * The complete versions never made current: a build killed between finishing
 * its folder and switching. Switches mark the folder (SERVED); folders from
 * before that mark existed count as served unless they are newer than the
 * current version and no later version was built on them.
 */
function leftoversOf(versions: readonly ReadVersion[], current: string | undefined): Set<string> {
  const named = new Set(versions.flatMap((v) => (v.manifest?.previous ? [v.manifest.previous] : [])));
  const marked = versions.filter((v) => v.served && v.manifest).map((v) => v.manifest!.createdAt).sort();
  const since = marked[0] ?? versions.find((v) => v.version === current)?.manifest?.createdAt;
  if (since === undefined) return new Set();
  return new Set(versions.filter((v) => v.manifest && !v.served && v.version !== current && !named.has(v.version) && v.manifest.createdAt > since).map((v) => v.version));
}

/** Newest first. */
export async function listVersions(indexesDir: string): Promise<VersionInfo[]> {
  const current = await readCurrentVersion(indexesDir);
  const versions = await readVersions(indexesDir);
  const leftovers = leftoversOf(versions, current);
  const rollbackTarget = versions.find((v) => v.version === current)?.manifest?.previous;
  return versions
    .sort((a, b) => order(b).localeCompare(order(a)))
    .map(({ version, manifest: m, damaged }) => ({
      version,
      current: version === current,
      rollbackTarget: version === rollbackTarget,
      ...(m
        ? {
            createdAt: m.createdAt,
            sections: m.sections,
            chunks: m.chunks,
            embedder: `${m.embedder.name} (${m.embedder.model}, ${m.embedder.dimension}d)`,
            ...(m.previous ? { previous: m.previous } : {}),
            ...(m.changes ? { changes: m.changes } : {}),
          }
        : {}),
      ...(damaged ? { damaged } : {}),
      ...(leftovers.has(version) ? { leftover: true } : {}),
    }));
}

/**
 * Deletes finished versions beyond the newest `keep`, never the current one nor
 * the one a rollback would return to, and the leftovers of killed builds. Folders
 * without a readable manifest are not ours to judge and are left alone. Returns
 * the deleted names. Runs under the index lock, so no build is between its
 * folder and its switch meanwhile.
 */
export async function pruneVersions(indexesDir: string, keep: number): Promise<string[]> {
  const current = await readCurrentVersion(indexesDir);
  const all = await readVersions(indexesDir);
  const leftovers = leftoversOf(all, current);
  const versions = all.filter((v) => v.manifest && !leftovers.has(v.version)).sort((a, b) => order(b).localeCompare(order(a)));
  const protectedNames = new Set<string>(versions.slice(0, Math.max(1, keep)).map((v) => v.version));
  if (current) protectedNames.add(current);
  const rollbackTarget = versions.find((v) => v.version === current)?.manifest?.previous;
  if (rollbackTarget) protectedNames.add(rollbackTarget);
  // Leftovers of killed builds take no place among the kept versions and go first.
  const doomed = [...leftovers, ...versions.filter((v) => !protectedNames.has(v.version)).map((v) => v.version)];
  for (const name of doomed) await rm(path.join(indexesDir, name), { recursive: true, force: true });
  return doomed;
}

function order(v: ReadVersion): string {
  return `${v.manifest?.createdAt ?? ''}|${v.version}`;
}
