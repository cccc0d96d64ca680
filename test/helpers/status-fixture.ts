/**
 * Real index and database fixtures for the status-tracking tests: the repo's corpus
 * indexed with the lexical embedder into a temporary folder (so section ids and titles
 * are the plan's own), and fresh SQLite files beside it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Assistant } from '../../src/engine/answer/assistant.js';
import { Permissions } from '../../src/services/access/permissions.js';
import type { Actor } from '../../src/services/access/actor.js';
import { createLogger } from '../../src/app/logger.js';
import { IndexHolder } from '../../src/engine/index/holder.js';
import type { KnowledgeBase } from '../../src/engine/index/knowledge-base.js';
import { buildTestIndex, copyCorpus, REPO_CORPUS } from './index-fixture.js';

export { REPO_CORPUS };

export const ADMIN: Actor = { platform: 'telegram', userId: '1001', displayName: '陳主任' };
export const MEMBER: Actor = { platform: 'telegram', userId: '2002', displayName: 'Visitor' };
export const SLACK_ADMIN: Actor = { platform: 'slack', userId: 'U0ADMIN', displayName: 'Ana' };
export const permissions = new Permissions({ telegram: [ADMIN.userId], slack: [SLACK_ADMIN.userId] });
export const silentLog = createLogger('silent');

export async function tempDir(prefix = 'planbot-status-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/**
 * Indexes the corpus (optionally edited first, e.g. with a section removed, as a new
 * document version would) into `indexesDir` and opens it.
 */
export async function buildStatusTestIndex(indexesDir: string, options: { editText?: (text: string) => string; makeCurrent?: boolean } = {}): Promise<KnowledgeBase> {
  const corpusDir = options.editText ? await copyCorpus(path.join(indexesDir, '..', `corpus-${path.basename(indexesDir)}`), options.editText) : REPO_CORPUS;
  return buildTestIndex(corpusDir, indexesDir, { makeCurrent: Boolean(options.makeCurrent) });
}

export interface StatusFixture {
  dir: string;
  indexesDir: string;
  kb: KnowledgeBase;
  holder: IndexHolder;
  assistant: Assistant;
  cleanup(): Promise<void>;
}

export async function openStatusFixture(): Promise<StatusFixture> {
  const dir = await tempDir();
  const indexesDir = path.join(dir, 'indexes');
  const kb = await buildStatusTestIndex(indexesDir, { makeCurrent: true });
  const holder = new IndexHolder(kb);
  return { dir, indexesDir, kb, holder, assistant: new Assistant(holder), cleanup: () => rm(dir, { recursive: true, force: true }) };
}
