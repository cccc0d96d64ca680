import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseThesaurus, type ParsedThesaurus, type ThesaurusFile } from './parse.js';
import { formatIssue } from './types.js';

export { THESAURUS_DIR } from './types.js';
const YAML_FILE = /\.ya?ml$/i;

/**
 * The thesaurus files of a folder (top level, *.yaml / *.yml), by name; none when
 * the folder does not exist. `overrides` (name → text) replace or add files.
 */
export async function readThesaurusFiles(dir: string, overrides?: ReadonlyMap<string, string>): Promise<ThesaurusFile[]> {
  let names: string[] = [];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && YAML_FILE.test(e.name)).map((e) => e.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read the thesaurus folder ${dir}: ${(err as Error).message}`);
  }
  const all = new Set([...names, ...[...(overrides?.keys() ?? [])].filter((n) => YAML_FILE.test(n))]);
  const files: ThesaurusFile[] = [];
  for (const name of [...all].sort()) files.push({ name, text: overrides?.get(name) ?? (await readFile(path.join(dir, name), 'utf8')) });
  return files;
}

/** Reads and validates a thesaurus folder (see parseThesaurus); problems are returned, not thrown. */
export async function checkThesaurus(dir: string): Promise<ParsedThesaurus> {
  return parseThesaurus(await readThesaurusFiles(dir));
}

/** Thrown when an index is built from a thesaurus with errors: the message lists them and names the check command. */
export class ThesaurusError extends Error {
  constructor(dir: string, parsed: ParsedThesaurus) {
    const shown = parsed.issues.slice(0, 5).map((i) => `  ${formatIssue(i)}`);
    const more = parsed.issues.length > 5 ? [`  … and ${parsed.issues.length - 5} more`] : [];
    super(`The thesaurus in ${dir} has ${parsed.issues.length} error(s):\n${[...shown, ...more].join('\n')}\nFix them (\`planbot thesaurus check\` lists them all), then index again.`);
    this.name = 'ThesaurusError';
  }
}
