import type { Migration } from './migrations.js';

/**
 * PlanBot's schema, in order. Times are ISO-8601 UTC strings (they sort and compare as
 * text); due dates are plain YYYY-MM-DD. Status values are checked by the database too,
 * so no code path can store a value the rest of the program does not know.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'status, history, question log, feedback, settings',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- The current state of each tracked plan item, keyed by section id (stable across re-indexing).
      CREATE TABLE item_status (
        section_id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('not_started', 'planned', 'in_progress', 'done', 'blocked')),
        owner TEXT NOT NULL DEFAULT '',
        due_date TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        note TEXT NOT NULL DEFAULT '',
        updated_platform TEXT NOT NULL,
        updated_user_id TEXT NOT NULL,
        updated_user_name TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        -- Title when last updated, so a record whose section left the plan still has a name.
        section_title TEXT NOT NULL DEFAULT '',
        -- Set while the section is absent from the index in service; cleared when it returns.
        missing_since TEXT
      );
      CREATE INDEX item_status_status ON item_status (status);
      CREATE INDEX item_status_updated_at ON item_status (updated_at);

      -- Every change, appended; item_status is always the last row here for its section.
      CREATE TABLE item_status_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        section_id TEXT NOT NULL REFERENCES item_status (section_id),
        status TEXT NOT NULL,
        previous_status TEXT,
        owner TEXT NOT NULL,
        due_date TEXT,
        note TEXT NOT NULL,
        updated_platform TEXT NOT NULL,
        updated_user_id TEXT NOT NULL,
        updated_user_name TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('command', 'import'))
      );
      CREATE INDEX item_status_history_section ON item_status_history (section_id, id);

      -- Answered questions. user_hash is a salted HMAC of platform + user id, never the id itself.
      CREATE TABLE question_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ref TEXT NOT NULL UNIQUE,
        asked_at TEXT NOT NULL,
        platform TEXT NOT NULL,
        user_hash TEXT NOT NULL,
        question TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT '',
        abstained INTEGER NOT NULL CHECK (abstained IN (0, 1)),
        latency_ms INTEGER NOT NULL,
        index_version TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX question_log_asked_at ON question_log (asked_at);

      CREATE TABLE question_citations (
        question_id INTEGER NOT NULL REFERENCES question_log (id) ON DELETE CASCADE,
        rank INTEGER NOT NULL,
        section_id TEXT NOT NULL,
        PRIMARY KEY (question_id, rank)
      );
      CREATE INDEX question_citations_section ON question_citations (section_id);

      -- One vote per user per answer: a second vote replaces the first.
      CREATE TABLE feedback (
        question_id INTEGER NOT NULL REFERENCES question_log (id) ON DELETE CASCADE,
        user_hash TEXT NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        voted_at TEXT NOT NULL,
        PRIMARY KEY (question_id, user_hash)
      );
    `,
  },
  {
    version: 2,
    name: 'LLM token usage per logged answer',
    sql: `
      -- Filled when the answer was worded by a model (issue: token usage per answer, totals in /stats).
      ALTER TABLE question_log ADD COLUMN llm_model TEXT;
      ALTER TABLE question_log ADD COLUMN prompt_tokens INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE question_log ADD COLUMN completion_tokens INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 3,
    name: 'synonyms taught by admins',
    sql: `
      -- An admin's "term = target": questions using term are searched with the plan's word target.
      -- The keys are the normalized forms (simplified, lower case): 颱風 and 台风 are one term.
      CREATE TABLE taught_synonyms (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        term TEXT NOT NULL,
        target TEXT NOT NULL,
        term_key TEXT NOT NULL,
        target_key TEXT NOT NULL,
        taught_platform TEXT NOT NULL,
        taught_user_id TEXT NOT NULL,
        taught_user_name TEXT NOT NULL DEFAULT '',
        taught_at TEXT NOT NULL,
        UNIQUE (term_key, target_key)
      );
    `,
  },
  {
    version: 4,
    name: 'inbound events claimed once across workers',
    sql: `
      -- A Slack event_id or Telegram update_id, claimed by the first worker that receives it
      -- (INSERT … ON CONFLICT DO NOTHING): a retry or a second delivery finds it and is dropped.
      CREATE TABLE inbound_events (
        event_key TEXT PRIMARY KEY,
        worker TEXT NOT NULL,
        received_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX inbound_events_expires_at ON inbound_events (expires_at);
    `,
  },
  {
    version: 5,
    name: 're-index dry runs shared by workers',
    sql: `
      -- A dry run waiting for Confirm (JSON; an uploaded document inside as base64), so the
      -- button press may reach any worker. Used with DATABASE_URL; one process keeps them in memory.
      CREATE TABLE reindex_previews (
        id TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
    `,
  },
];
