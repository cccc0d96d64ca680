/**
 * Child process for the killed-build test: rebuilds the index like
 * `planbot index`, and once every data file of the new version is written (but
 * before its manifest and the switch) writes the marker file given as third
 * argument and stops dead, waiting to be killed.
 */
import { writeFileSync } from 'node:fs';
import { createLexicalEmbedder } from '../../src/engine/index/embedders/lexical.js';
import { ReindexService } from '../../src/services/reindex/service.js';

const [corpusDir, indexesDir, marker] = process.argv.slice(2) as [string, string, string];
const service = new ReindexService({ corpusDir, indexesDir, embedder: createLexicalEmbedder() });
await service.rebuild({
  force: true,
  onProgress: (stage) => {
    if (stage !== 'write') return;
    writeFileSync(marker, String(process.pid));
    // Block synchronously: nothing after this point runs until the process is killed.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
});
