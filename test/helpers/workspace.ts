import type { Dirent } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/engine/corpus/load.js';
import { buildIndex } from '../../src/engine/index/build.js';
import { createLexicalEmbedder } from '../../src/engine/index/embedders/lexical.js';
import type { Embedder } from '../../src/engine/index/embedder.js';
import { ReindexService, type ReindexServiceOptions } from '../../src/services/reindex/service.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PLAN_FILE = 'lmc-plan-2023-2027.zh-Hant.txt';

/** A throw-away copy of the repository's corpus/ with its own empty indexes/. */
export interface Workspace {
  root: string;
  corpusDir: string;
  indexesDir: string;
  embedder: Embedder;
  service(options?: Partial<ReindexServiceOptions>): ReindexService;
  /** Builds a version from corpus/ and makes it current (the setup step of most tests). */
  buildInitial(): Promise<string>;
  remove(): Promise<void>;
}

export async function createWorkspace(): Promise<Workspace> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'planbot-reindex-'));
  const corpusDir = path.join(root, 'corpus');
  const indexesDir = path.join(root, 'indexes');
  await cp(path.join(REPO, 'corpus'), corpusDir, { recursive: true });
  await mkdir(indexesDir);
  const embedder = createLexicalEmbedder();
  return {
    root,
    corpusDir,
    indexesDir,
    embedder,
    service: (options = {}) => new ReindexService({ corpusDir, indexesDir, embedder, ...options }),
    buildInitial: async () => (await buildIndex(await loadCorpus(corpusDir), { indexesDir, embedder })).version,
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** The plan's text as in the repository. */
export function planText(): Promise<string> {
  return readFile(path.join(REPO, 'corpus', PLAN_FILE), 'utf8');
}

/**
 * The edited copy of the plan the tests upload: 4.2.3 reworded, a new 4.2.15
 * after 4.2.14, and 4.3.7 removed. Fails loudly if the plan's text moved.
 */
export async function editedPlan(): Promise<string> {
  const text = await planText();
  const edits: [string, string][] = [
    ['加強標準化、計量、反壟斷合作。', '加強標準化、計量、檢驗檢疫和反壟斷合作,推動口岸通關便利化。'],
    ['野生動植物保護等合作。\n', '野生動植物保護等合作。\n4.2.15 數字貿易合作。推動跨境電子商務合作,探討建立瀾湄數字貿易便利化機制。\n'],
    ['4.3.7 民間交流。加強婦女、青年、少年兒童、殘疾人、社會組織、紅十字會間交流合作。\n', ''],
  ];
  let edited = text;
  for (const [from, to] of edits) {
    if (!edited.includes(from)) throw new Error(`the plan no longer contains ${JSON.stringify(from)}`);
    edited = edited.replace(from, to);
  }
  return edited;
}

/** Every file under a folder with its size and content, to prove a folder was left exactly as it was. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        out[`${path.relative(dir, full)}/`] = 'dir';
        await walk(full);
      } else {
        out[path.relative(dir, full)] = `${(await stat(full)).size}:${(await readFile(full)).toString('base64')}`;
      }
    }
  };
  await walk(dir);
  return out;
}
