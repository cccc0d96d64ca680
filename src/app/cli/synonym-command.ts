import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { SynonymService } from '../../services/synonyms/service.js';
import { replyLang } from '../../engine/text/i18n.js';
import type { Lang } from '../../engine/text/language.js';
import { openCli } from './context.js';
import { cliActor } from './actor.js';

const LANGS = ['zh-Hant', 'zh-Hans', 'en'] as const;
function parseLang(value: string): Lang {
  if (!(LANGS as readonly string[]).includes(value)) throw new InvalidArgumentError(`one of ${LANGS.join(', ')}`);
  return value as Lang;
}

/** Opens the index and the database for one command (no watching: the command ends), and always closes the database. */
async function withSynonyms<T>(work: (synonyms: SynonymService, corpusDir: string) => Promise<T>): Promise<T> {
  const ctx = await openCli({ quiet: true });
  // The database driver loads only for database commands.
  const [{ openDesk }, { openSynonyms }, { Permissions }] = await Promise.all([import('../../services/desk/desk.js'), import('../synonyms.js'), import('../../services/access/permissions.js')]);
  const permissions = Permissions.fromSettings(ctx.settings);
  const desk = await openDesk(ctx.settings, { knowledge: ctx.holder, permissions, log: ctx.log }, { startRetention: false });
  try {
    const { service } = await openSynonyms({ db: desk.db, questions: desk.questions, knowledge: ctx.holder, permissions, settings: ctx.settings, log: ctx.log });
    return await work(service, ctx.settings.corpusDir);
  } finally {
    await desk.close();
  }
}

function print(reply: { kind: string; text: string }): void {
  const failed = reply.kind === 'error' || reply.kind === 'refused' || reply.kind === 'invalid' || reply.kind === 'usage';
  (failed ? process.stderr : process.stdout).write(`${reply.text}\n`);
  if (failed) process.exitCode = 1;
}

/** `planbot synonym add|list|remove|export`: the CLI side of /synonym (the CLI is trusted as admin). */
export function registerSynonymCommands(program: Command): void {
  const synonym = program.command('synonym').description('synonyms admins teach (颱風 = 災害): applied at once, no re-indexing');
  const langOption = ['--lang <lang>', 'reply language: zh-Hant, zh-Hans or en', parseLang, 'en'] as const;

  synonym
    .command('add')
    .description('teach "term = target[, target…]" (the asker\'s word = the plan\'s word), then replay the unanswered questions')
    .argument('<words...>', 'e.g. 颱風 = 災害')
    .option(...langOption)
    .action(async (words: string[], opts: { lang: Lang }) => {
      await withSynonyms(async (s) => print(await s.add(words.join(' '), cliActor(), replyLang(opts.lang))));
    });

  synonym
    .command('list')
    .description('the synonyms taught, with who taught them and when')
    .option(...langOption)
    .action(async (opts: { lang: Lang }) => {
      await withSynonyms(async (s) => print(await s.list(replyLang(opts.lang))));
    });

  synonym
    .command('remove')
    .description('remove "term = target", then replay the unanswered questions')
    .argument('<words...>', 'e.g. 颱風 = 災害')
    .option(...langOption)
    .action(async (words: string[], opts: { lang: Lang }) => {
      await withSynonyms(async (s) => print(await s.remove(words.join(' '), cliActor(), replyLang(opts.lang))));
    });

  synonym
    .command('export')
    .description('write the taught synonyms as thesaurus concepts (YAML) for review; default corpus/thesaurus/taught.yaml')
    .argument('[file]', 'where to write (default: <CORPUS_DIR>/thesaurus/taught.yaml)')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string | undefined, opts: { force?: boolean }) => {
      await withSynonyms(async (s, corpusDir) => {
        const { taughtThesaurusYaml } = await import('../../services/synonyms/export.js');
        const pairs = await s.taught.store.list();
        const target = path.resolve(file ?? path.join(corpusDir, 'thesaurus', 'taught.yaml'));
        await mkdir(path.dirname(target), { recursive: true });
        try {
          await writeFile(target, await taughtThesaurusYaml(pairs), { flag: opts.force ? 'w' : 'wx' });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${target} already exists; add --force to overwrite it.`);
          throw new Error(`Cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
        }
        const concepts = new Set(pairs.map((p) => p.targetKey)).size;
        process.stdout.write(`Wrote ${pairs.length} taught synonym(s) as ${concepts} concept(s) to ${target}. Review it before moving the concepts into the thesaurus.\n`);
      });
    });
}
