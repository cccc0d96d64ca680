import type { Command } from 'commander';
import { loadSettings } from '../settings.js';
import type { MigrationStatus } from '../../services/storage/migrations.js';
import { MIGRATIONS } from '../../services/storage/schema.js';
import type { SqlDatabase } from '../../services/storage/sql-database.js';

/** `planbot db status` and `planbot db migrate`: the schema of the configured database (DATABASE_URL or DATA_DIR). */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the database: schema version and migrations (PostgreSQL with DATABASE_URL, else DATA_DIR/planbot.sqlite)');

  db.command('check')
    .description('read-only check of the SQLite file: integrity, schema version; exit code 1 when something is wrong')
    .action(async () => {
      const settings = loadSettings();
      if (settings.DATABASE_URL) {
        // PostgreSQL checks its own pages; what PlanBot can tell is whether it connects and which migrations it has.
        console.log('DATABASE_URL is set: the data is in PostgreSQL, which checks its own integrity. `planbot db status` shows the connection and the schema version.');
        return;
      }
      const path = await import('node:path');
      const { checkDatabase, renderDatabaseCheck } = await import('../../services/storage/check.js');
      const { DATABASE_FILE } = await import('../../services/storage/open.js');
      const result = await checkDatabase(path.resolve(settings.dataDir, DATABASE_FILE));
      console.log(renderDatabaseCheck(result));
      if (!result.ok) process.exitCode = 1;
    });

  db.command('status')
    .description('show applied migrations (version, name, applied_at) and pending ones; applies nothing')
    .action(async () => {
      await withDatabase(async (conn) => {
        const { migrationStatus } = await import('../../services/storage/migrations.js');
        const status = await migrationStatus(conn, MIGRATIONS);
        process.stdout.write(renderStatus(conn, status));
        if (status.tooNew) process.exitCode = 1;
      });
    });

  db.command('migrate')
    .description('apply pending migrations (PlanBot also does this at start-up)')
    .action(async () => {
      await withDatabase(async (conn) => {
        const { applyMigrations } = await import('../../services/storage/migrations.js');
        const { from, to, applied } = await applyMigrations(conn, MIGRATIONS);
        const lines = [`${describe(conn)}`];
        if (applied.length === 0) lines.push(`Already at schema version ${to}; nothing to apply.`);
        else {
          lines.push(`Migrated from version ${from} to ${to}:`);
          for (const m of applied) lines.push(`  ${m.version}  ${m.name}`);
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}

async function withDatabase(work: (db: SqlDatabase) => Promise<void>): Promise<void> {
  const { openStorage } = await import('../../services/storage/connect.js');
  const conn = await openStorage(loadSettings(), { migrate: false });
  try {
    await work(conn);
  } finally {
    await conn.close();
  }
}

function describe(db: SqlDatabase): string {
  return `Database: ${db.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${db.location}`;
}

function renderStatus(db: SqlDatabase, status: MigrationStatus): string {
  const lines = [describe(db)];
  const current = status.applied.at(-1)?.version ?? 0;
  lines.push(`Schema version ${current} of ${MIGRATIONS.length}.`);
  if (status.applied.length > 0) {
    lines.push('', 'version  applied_at                 name');
    for (const m of status.applied) lines.push(`${String(m.version).padEnd(7)}  ${m.appliedAt.padEnd(24)}   ${m.name}`);
  }
  if (status.tooNew) lines.push('', `This database is newer than this PlanBot (version ${current} > ${MIGRATIONS.length}): upgrade PlanBot.`);
  else if (status.pending.length > 0) {
    lines.push('', `Pending (planbot db migrate, or the next start, applies them):`);
    for (const m of status.pending) lines.push(`${String(m.version).padEnd(7)}  ${'(pending)'.padEnd(24)}   ${m.name}`);
  } else lines.push('', 'No pending migrations.');
  return `${lines.join('\n')}\n`;
}
