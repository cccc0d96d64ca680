import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ChangeCounts } from '../index/changes.js';
import { readManifest, type Manifest } from '../index/manifest.js';
import { listVersionDirs, readCurrentVersion } from '../index/store.js';

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
}

interface ReadVersion {
  version: string;
  manifest?: Manifest;
  damaged?: string;
}

async function readVersions(indexesDir: string): Promise<ReadVersion[]> {
  const names = await listVersionDirs(indexesDir);
  return Promise.all(
    names.map(async (version): Promise<ReadVersion> => {
      try {
        return { version, manifest: await readManifest(path.join(indexesDir, version)) };
      } catch (err) {
        return { version, damaged: (err as Error).message };
      }
    }),
  );
}

/** Newest first. */
export async function listVersions(indexesDir: string): Promise<VersionInfo[]> {
  const current = await readCurrentVersion(indexesDir);
  const versions = await readVersions(indexesDir);
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
    }));
}

/**
 * Deletes finished versions beyond the newest `keep`, never the current one nor
 * the one a rollback would return to. Folders without a readable manifest are
 * not ours to judge and are left alone. Returns the deleted names.
 */
export async function pruneVersions(indexesDir: string, keep: number): Promise<string[]> {
  const current = await readCurrentVersion(indexesDir);
  const versions = (await readVersions(indexesDir)).filter((v) => v.manifest).sort((a, b) => order(b).localeCompare(order(a)));
  const protectedNames = new Set<string>(versions.slice(0, Math.max(1, keep)).map((v) => v.version));
  if (current) protectedNames.add(current);
  const rollbackTarget = versions.find((v) => v.version === current)?.manifest?.previous;
  if (rollbackTarget) protectedNames.add(rollbackTarget);
  const doomed = versions.filter((v) => !protectedNames.has(v.version)).map((v) => v.version);
  for (const name of doomed) await rm(path.join(indexesDir, name), { recursive: true, force: true });
  return doomed;
}

function order(v: ReadVersion): string {
  return `${v.manifest?.createdAt ?? ''}|${v.version}`;
}
