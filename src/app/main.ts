import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { IndexError } from '../engine/index/manifest.js';
import { scrubSecrets } from '../engine/text/secrets.js';
import { entrySwitches, loadEnvFile, loadSettings } from './settings.js';
import { openCli } from './cli/context.js';
import { cannotRead } from './cli/file-errors.js';
import { formatOutcomes, formatRow, readEvalFile, runEval } from '../adapters/cli/eval.js';
import { sectionText } from '../adapters/cli/section.js';
import { documentsView, renderDocumentsText } from '../adapters/shared/views.js';
import { registerAskCommand } from './cli/ask-command.js';
import { registerStatusCommands } from './cli/status-command.js';
import { registerSynonymCommands } from './cli/synonym-command.js';
import { registerDbCommands } from './cli/db-command.js';
import { botsConfigured } from './bots-configured.js';

// Commands load what they need when they run: a question should not pay for the bots'
// client libraries or the document converters (memory and start-up time). The bench is `npm run bench`.
const indexCommands = () => import('./cli/index-command.js');
const chatCommand = () => import('./cli/chat-command.js');

/** What `planbot eval` measures when given no file: the everyday questions kept with the tests (src/app/ and dist/app/ are both two levels down). */
const DEFAULT_EVAL_FILE = fileURLToPath(new URL('../../test/fixtures/everyday-questions.jsonl', import.meta.url));

loadEnvFile();
// `planbot eval | head`: a reader that stops early closes the pipe; the command ends quietly, not with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});
const switches = entrySwitches();

const program = new Command();
program.name('planbot').description('Answers questions about the Lancang–Mekong cooperation plan 2023–2027, citing its sections.').showHelpAfterError();

program
  .command('start', { isDefault: true })
  .description('run the configured bots (Telegram, Slack); with none configured, a local chat')
  .action(async () => {
    const settings = loadSettings();
    if (botsConfigured(settings)) {
      const { startConfiguredBots } = await import('./bots.js');
      await startConfiguredBots(settings);
      return;
    }
    await (await chatCommand()).startLocalChat();
  });

program
  .command('chat')
  .description('interactive chat in the terminal')
  .action(async () => {
    await (await chatCommand()).startLocalChat();
  });

registerAskCommand(program);

program
  .command('section')
  .description('print the verbatim text of a section, e.g. 4.2.3, 第五部分, or minutes:1.2 in another document')
  .argument('<id>', 'section number, optionally prefixed by a document id or alias (minutes:1.2)')
  .action(async (id: string) => {
    const ctx = await openCli({ quiet: true });
    const section = sectionText(ctx.assistant, id);
    // An unknown section or document is an error for scripts: the message on stderr, exit code 1.
    (section.found ? process.stdout : process.stderr).write(`${section.text}\n`);
    if (!section.found) process.exitCode = 1;
  });

program
  .command('docs')
  .description('list the documents: title, language, version date, sections')
  .action(async () => {
    const ctx = await openCli({ quiet: true });
    process.stdout.write(`${renderDocumentsText(documentsView(ctx.assistant, 'en'), 'en')}\n`);
  });

program
  .command('index')
  .description('build a new index version from corpus/ and make it current')
  .option('--dry-run', 'show what would change (sections added, removed, changed); write nothing')
  .option('--rollback', 'make the previous version current again (restoring corpus/ to its files)')
  .option('--force', 'rebuild even when corpus/ has not changed')
  .action(async (opts: { dryRun?: boolean; rollback?: boolean; force?: boolean }) => {
    await (await indexCommands()).runIndexCommand(opts);
  });

program
  .command('versions')
  .description('list the index versions kept, the current one marked')
  .action(async () => {
    await (await indexCommands()).runVersionsCommand();
  });

program
  .command('changes')
  .description('what changed between the current and the previous index version, overall or for one section')
  .argument('[section]', 'a section number, e.g. 4.2.3')
  .action(async (section?: string) => {
    await (await indexCommands()).runChangesCommand(section);
  });

program
  .command('ingest')
  .description('add an updated or new document (.txt, .md, .docx, .pdf): shows the dry run, then builds and switches when confirmed')
  .argument('<file>', 'the document')
  .option('--as <id>', 'the corpus document it updates, or "new"')
  .option('--yes', 'confirm without asking')
  .option('--dry-run', 'show what would be saved and indexed; change nothing')
  .action(async (file: string, opts: { as?: string; yes?: boolean; dryRun?: boolean }) => {
    await (await indexCommands()).runIngestCommand(file, opts);
  });

program
  .command('eval')
  .description('measure retrieval on a JSONL file of questions; the last line is a JSON summary')
  .argument('[file]', 'JSONL: {"id","lang","kind","q","expect":[section ids]}; default: test/fixtures/everyday-questions.jsonl')
  .action(async (file: string | undefined) => {
    const path = file ?? DEFAULT_EVAL_FILE;
    const questions = await readEvalFile(path).catch((err: unknown) => {
      // A line that is not a question says so itself; a file that cannot be read is said here.
      throw (err as NodeJS.ErrnoException).code ? cannotRead(path, err, 'question file') : err;
    });
    const ctx = await openCli({ quiet: true });
    const { rows, summary } = await runEval(ctx.assistant, questions);
    for (const row of rows) process.stdout.write(`${formatRow(row)}\n`);
    process.stdout.write(`${formatOutcomes(summary)}\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  });

program
  .command('thesaurus')
  .description('the policy thesaurus (corpus/thesaurus/*.yaml)')
  .command('check')
  .description('validate the thesaurus files: counts, and every error with file, concept and field')
  .option('--dir <dir>', 'the thesaurus folder (default: corpus/thesaurus)')
  .action(async (opts: { dir?: string }) => {
    const { runThesaurusCheck } = await import('./cli/thesaurus-command.js');
    await runThesaurusCheck(opts);
  });

program
  .command('backup')
  .description('write one archive (.tar.gz) of the database, corpus/ with its history and the index in service')
  .argument('<file>', 'the archive to write, e.g. planbot-2026-12-03.tar.gz')
  .action(async (file: string) => {
    const { runBackupCommand } = await import('./cli/backup-command.js');
    await runBackupCommand(file);
  });

program
  .command('restore')
  .description('restore an archive written by planbot backup; refuses to replace an existing install without --force')
  .argument('<file>', 'the archive')
  .option('--force', 'replace the corpus, database and index that are here (stop PlanBot first)')
  .action(async (file: string, opts: { force?: boolean }) => {
    const { runRestoreCommand } = await import('./cli/backup-command.js');
    await runRestoreCommand(file, opts);
  });

registerStatusCommands(program);
registerSynonymCommands(program);
registerDbCommands(program);

// The bench reads a serving process's own peak memory from this line.
if (switches.reportPeakRss) {
  process.on('exit', () => process.stderr.write(`peak-rss-kb=${process.resourceUsage().maxRSS}\n`));
}

/** Errors reach the user as one actionable line, never a stack trace. */
program.parseAsync(process.argv).catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`planbot: ${scrubSecrets(message)}\n`);
  if (!(err instanceof IndexError) && switches.stackTraces && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exitCode = 1;
});
