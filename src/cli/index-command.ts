import { createLogger } from '../config/logger.js';
import { loadSettings } from '../config/settings.js';
import { buildFromCorpus } from '../app/open.js';
import { chooseEmbedder } from '../index/embedders/choose.js';
import { progressPrinter } from './progress.js';

/** `planbot index`: builds a new version from corpus/ and switches to it. */
export async function runIndexCommand(): Promise<void> {
  const settings = loadSettings();
  const log = createLogger();
  const embedder = await chooseEmbedder(settings, log);
  const result = await buildFromCorpus(settings, embedder, progressPrinter('Indexing'));
  const m = result.manifest;
  process.stdout.write(
    `Index ${m.version} is current: ${m.sections} sections, ${m.chunks} chunks, embedder ${m.embedder.name} (${m.embedder.model}, ${m.embedder.dimension}d), built in ${m.buildMs} ms.\n`,
  );
}
