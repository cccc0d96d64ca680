import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadSettings } from '../settings.js';
import { checkThesaurus, THESAURUS_DIR } from '../../engine/thesaurus/load.js';
import { formatIssue, THESAURUS_LANGS } from '../../engine/thesaurus/types.js';

/**
 * `planbot thesaurus check [--dir corpus/thesaurus]`: counts and every problem;
 * exit code 1 when there are problems (an index would refuse to build from them).
 */
export async function runThesaurusCheck(options: { dir?: string }): Promise<void> {
  // No thesaurus folder in the corpus is fine (none in service); a folder named on the command line must exist.
  if (options.dir && !(await isFolder(options.dir))) throw new Error(`There is no folder ${options.dir} (--dir names the thesaurus folder, e.g. corpus/thesaurus).`);
  const dir = options.dir ?? path.join(loadSettings().corpusDir, THESAURUS_DIR);
  const { stats, issues } = await checkThesaurus(dir);
  const labels = THESAURUS_LANGS.map((l) => `${l} ${stats.labels[l]}`).join(', ');
  const total = THESAURUS_LANGS.reduce((n, l) => n + stats.labels[l], 0);
  process.stdout.write(
    `Thesaurus ${dir}: ${stats.files} file(s), ${stats.concepts} concepts, ${total} labels (${labels}), ${stats.broader} broader and ${stats.related} related links.\n`,
  );
  if (stats.files === 0) process.stdout.write('No *.yaml files: questions are answered without a thesaurus.\n');
  if (issues.length === 0) {
    if (stats.files > 0) process.stdout.write('No errors. Run `npm run index` to put it in service.\n');
    return;
  }
  process.stdout.write(`${issues.length} error(s):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n`);
  process.exitCode = 1;
}

async function isFolder(dir: string): Promise<boolean> {
  return stat(dir).then((s) => s.isDirectory(), () => false);
}
