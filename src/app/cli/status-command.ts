import { readFile, writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { Permissions } from '../../services/access/permissions.js';
import type { Desk } from '../../services/desk/desk.js';
import { parseStatus, statusLabel, STATUS_VALUES } from '../../services/status/model.js';
import { sectionLabel } from '../../engine/answer/strings.js';
import { replyLang } from '../../engine/text/i18n.js';
import type { Lang } from '../../engine/text/language.js';
import { openCli } from './context.js';
import { cannotWrite } from './file-errors.js';
import { cliActor } from './actor.js';

const LANGS = ['zh-Hant', 'zh-Hans', 'en'] as const;
function parseLang(value: string): Lang {
  if (!(LANGS as readonly string[]).includes(value)) throw new InvalidArgumentError(`one of ${LANGS.join(', ')}`);
  return value as Lang;
}

/** Opens the index and the database for one command, and always closes the database. */
async function withDesk<T>(work: (desk: Desk) => Promise<T>): Promise<T> {
  const ctx = await openCli({ quiet: true });
  // The database driver loads only for status commands.
  const { openDesk } = await import('../../services/desk/desk.js');
  const desk = await openDesk(ctx.settings, { knowledge: ctx.holder, permissions: Permissions.fromSettings(ctx.settings), log: ctx.log }, { startRetention: false });
  try {
    return await work(desk);
  } finally {
    await desk.close();
  }
}

function print(reply: { kind: string; text: string }): void {
  const failed = reply.kind === 'error' || reply.kind === 'refused';
  (failed ? process.stderr : process.stdout).write(`${reply.text}\n`);
  if (failed) process.exitCode = 1;
}

/** `planbot status set|show|list|history|import|export` and `planbot stats`. */
export function registerStatusCommands(program: Command): void {
  const status = program.command('status').description('plan-item status tracking (DATA_DIR/planbot.sqlite)');
  const langOption = ['--lang <lang>', 'reply language: zh-Hant, zh-Hans or en', parseLang, 'en'] as const;

  status
    .command('set')
    .description('set an item\'s status and fields, e.g. set 4.2.12 in_progress owner=水利部 due=2027-06-30 note="…"')
    .argument('<section>', 'section number, e.g. 4.2.12')
    .argument('[fields...]', `status (${STATUS_VALUES.join(', ')}) and/or owner=… due=YYYY-MM-DD note=… (use - to clear a field)`)
    .option(...langOption)
    .action(async (section: string, fields: string[], opts: { lang: Lang }) => {
      await withDesk(async (t) => print(await t.status.setStatus([section, ...fields], cliActor(), opts.lang)));
    });

  status
    .command('show')
    .alias('get')
    .description('the status card of a section; without one, progress by chapter')
    .argument('[section]', 'section number')
    .option(...langOption)
    .action(async (section: string | undefined, opts: { lang: Lang }) => {
      await withDesk(async (t) => print(section ? await t.status.show(section, opts.lang) : await t.status.overview(opts.lang)));
    });

  status
    .command('list')
    .description('items with a status (all tracked items when none is given)')
    .argument('[status]', STATUS_VALUES.join(' | '))
    .option(...langOption)
    .action(async (name: string | undefined, opts: { lang: Lang }) => {
      await withDesk(async (t) => {
        if (name) {
          const value = parseStatus(name);
          if (!value) throw new Error(`Unknown status "${name}". Valid statuses: ${STATUS_VALUES.join(', ')}.`);
          print(await t.status.list(value, opts.lang));
          return;
        }
        const lang = replyLang(opts.lang);
        const kb = t.status.kb;
        const records = await t.status.store.list();
        if (records.length === 0) process.stdout.write('No plan item has a status yet.\n');
        for (const r of records) {
          const label = sectionLabel(r.sectionId, kb.section(r.sectionId)?.title ?? r.sectionTitle, lang);
          const fields = [statusLabel(r.status, lang), r.owner, r.dueDate].filter(Boolean).join(' | ');
          process.stdout.write(`${label} — ${fields}${r.missingSince ? ' ⚠ not in the current plan' : ''}\n`);
        }
      });
    });

  status
    .command('history')
    .description('every recorded change of an item, newest first')
    .argument('<section>', 'section number')
    .option('--limit <n>', 'at most this many changes', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number ≥ 1');
      return n;
    }, 50)
    .option(...langOption)
    .action(async (section: string, opts: { limit: number; lang: Lang }) => {
      await withDesk(async (t) => print(await t.status.history(section, opts.lang, opts.limit)));
    });

  status
    .command('import')
    .description('apply a CSV of statuses: every row is checked first; all rows are applied, or none')
    .argument('<file>', 'CSV with columns section_id,status[,owner,due_date,note] (UTF-8, header row)')
    .option('--dry-run', 'check the file and report what would change, without writing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new Error(`Cannot read ${file}: ${err.code ?? err.message}.`);
      });
      await withDesk(async (t) => {
        const result = await t.status.importCsv(text, cliActor(), { dryRun: Boolean(opts.dryRun) });
        if (!result.ok) {
          if ('refused' in result) throw new Error('Only admins can import statuses.');
          process.stderr.write(`${file}: nothing was imported; fix these rows and try again:\n`);
          for (const e of result.errors) process.stderr.write(`  row ${e.row}: ${e.message}\n`);
          process.exitCode = 1;
          return;
        }
        const verb = opts.dryRun ? 'Would update' : 'Updated';
        process.stdout.write(`${verb} ${result.applied.length} item(s)${result.applied.length ? `: ${result.applied.join(', ')}` : ''}; ${result.unchanged.length} unchanged.\n`);
      });
    });

  status
    .command('export')
    .description('write every status record as CSV (to a file, or to standard output)')
    .argument('[file]', 'output file; default: standard output')
    .action(async (file: string | undefined) => {
      await withDesk(async (t) => {
        const csv = await t.status.exportCsv();
        if (file) {
          await writeFile(file, csv, 'utf8').catch((err: unknown) => {
            throw cannotWrite(file, err, 'export');
          });
          process.stderr.write(`Wrote ${file}.\n`);
        } else process.stdout.write(csv);
      });
    });

  program
    .command('stats')
    .description('questions today and in the last 7 days, most-cited sections, unanswered questions, feedback')
    .option('--json', 'print the figures as JSON')
    .option(...langOption)
    .action(async (opts: { json?: boolean; lang: Lang }) => {
      await withDesk(async (t) => {
        const reply = await t.stats(cliActor(), opts.lang);
        if (opts.json && reply.kind === 'stats') process.stdout.write(`${JSON.stringify(reply.stats, null, 2)}\n`);
        else print(reply);
      });
    });
}
