/**
 * Stamps translated sections with the stamp of the source text they translate,
 * after a translator reviewed them, and reports which are current, outdated,
 * unstamped, missing or orphaned.
 *
 *   npm run stamp-translation                      status of every translation (exit 1 if any needs work)
 *   npm run stamp-translation -- --sections 4.2.3  stamp the reviewed sections 4.2.3 (comma-separated list)
 *   npm run stamp-translation -- --all             stamp every translated section (the whole file was reviewed)
 *
 * Options: --corpus <dir> (default CORPUS_DIR or corpus), --document <id>, --language <code>.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../../src/engine/corpus/load.js';
import { stampTranslationFile, translationStatus, type TranslationStatus } from '../../src/engine/corpus/stamp.js';

const NEEDS_WORK: readonly TranslationStatus[] = ['outdated', 'unstamped', 'missing', 'orphan'];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: process.env.CORPUS_DIR || 'corpus' },
      document: { type: 'string' },
      language: { type: 'string' },
      sections: { type: 'string' },
      all: { type: 'boolean', default: false },
    },
  });
  if (values.all && values.sections) throw new Error('Use either --sections or --all, not both.');
  const corpusDir = path.resolve(values.corpus!);
  const corpus = await loadCorpus(corpusDir);
  let problems = 0;
  let matched = 0;
  for (const doc of corpus.documents) {
    if (values.document && doc.meta.id !== values.document) continue;
    for (const tMeta of doc.meta.translations) {
      if (values.language && tMeta.language !== values.language) continue;
      matched++;
      const file = path.join(corpusDir, tMeta.file);
      if (values.all || values.sections) {
        const ids = values.all ? 'all' : values.sections!.split(',').map((s) => s.trim()).filter(Boolean);
        const stamped = await stampTranslationFile(file, doc.parsed.sections, ids);
        process.stdout.write(`${tMeta.file}: stamped ${stamped.length} section(s): ${stamped.join(' ')}\n`);
        continue;
      }
      const translation = doc.translations.find((t) => t.language === tMeta.language)!;
      const statuses = translationStatus(doc.parsed.sections, translation.sections);
      const counts = new Map<TranslationStatus, string[]>();
      for (const s of statuses) counts.set(s.status, [...(counts.get(s.status) ?? []), s.id]);
      process.stdout.write(`${tMeta.file} (${doc.meta.id}, ${tMeta.language}):\n`);
      for (const [status, ids] of counts) process.stdout.write(`  ${status.padEnd(9)} ${String(ids.length).padStart(3)}  ${status === 'current' ? '' : ids.join(' ')}\n`);
      problems += statuses.filter((s) => NEEDS_WORK.includes(s.status)).length;
    }
  }
  if (matched === 0) throw new Error('No translation matches: check --document/--language and corpus/corpus.json.');
  if (problems > 0 && !values.all && !values.sections) {
    process.stdout.write(`\n${problems} section(s) need a translator: update the text, then stamp them with --sections <ids>.\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`stamp-translation: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
