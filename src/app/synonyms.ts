import { existsSync } from 'node:fs';
import path from 'node:path';
import { Assistant } from '../engine/answer/assistant.js';
import type { KnowledgeSource } from '../engine/index/knowledge-source.js';
import type { Permissions } from '../services/access/permissions.js';
import type { Logger } from 'pino';
import type { Settings } from './settings.js';
import type { QuestionLog } from '../services/questions/log.js';
import type { QueryExpander } from '../engine/retrieval/retriever.js';
import { openStorage } from '../services/storage/connect.js';
import { DATABASE_FILE } from '../services/storage/open.js';
import type { SqlDatabase } from '../services/storage/sql-database.js';
import { SynonymService } from '../services/synonyms/service.js';
import { SynonymStore } from '../services/synonyms/store.js';
import { TaughtSynonyms } from '../services/synonyms/taught.js';
import { defaultExpander } from './expander.js';

export interface SynonymsDeps {
  db: SqlDatabase;
  questions: Pick<QuestionLog, 'unansweredQuestions'>;
  knowledge: KnowledgeSource;
  permissions: Permissions;
  settings: Settings;
  log: Logger;
}

/**
 * Taught synonyms for a process: loaded from the database, watched for changes made
 * by other processes every INDEX_WATCH_MS (when `watch`), and the service behind
 * /synonym. Replays run on an extractive Assistant with the same expanders as the
 * one answering users, so a replay costs no model calls.
 */
export async function openSynonyms(deps: SynonymsDeps, options: { watch?: boolean } = {}): Promise<{ taught: TaughtSynonyms; service: SynonymService; expander: QueryExpander | undefined }> {
  const taught = new TaughtSynonyms(new SynonymStore(deps.db), deps.log);
  await taught.reload();
  if (options.watch) taught.watch(deps.settings.INDEX_WATCH_MS);
  const expander = defaultExpander(deps.settings, deps.log, taught.expander);
  const replayer = new Assistant(deps.knowledge, { maxQuestionChars: deps.settings.MAX_QUESTION_CHARS, ...(expander ? { expander } : {}) });
  const service = new SynonymService({
    taught,
    knowledge: deps.knowledge,
    unanswered: (limit) => deps.questions.unansweredQuestions(limit),
    asker: { ask: (question) => replayer.ask(question) },
    permissions: deps.permissions,
    log: deps.log,
  });
  // `expander`: taught synonyms first, then the dictionary bridge; give it to the Assistant that answers users too.
  return { taught, service, expander };
}

/**
 * The taught synonyms as they are now, for a one-shot CLI command (ask, chat): read
 * once from DATABASE_URL's PostgreSQL, or DATA_DIR/planbot.sqlite when it exists (a fresh checkout has none, and
 * asking a question should not create it).
 */
export async function loadTaughtSnapshot(settings: Pick<Settings, 'dataDir' | 'DATABASE_URL'>, log: Logger): Promise<TaughtSynonyms | undefined> {
  if (!settings.DATABASE_URL && !existsSync(path.join(settings.dataDir, DATABASE_FILE))) return undefined;
  let db: SqlDatabase | undefined;
  try {
    db = await openStorage(settings);
    const taught = new TaughtSynonyms(new SynonymStore(db), log);
    await taught.reload();
    return taught;
  } catch (err) {
    // Answers do not depend on the database: without it, questions are searched without taught synonyms.
    log.warn({ err: (err as Error).message }, 'could not read taught synonyms; answering without them');
    return undefined;
  } finally {
    await db?.close().catch(() => undefined);
  }
}
