import type { BuildProgress, BuildStage } from '../../engine/index/build.js';

const STAGE_NAMES: Record<BuildStage, string> = { parse: 'parsing sections', embed: 'embedding', write: 'writing files' };

/** A progress display on stderr: a redrawn bar on a terminal, one line per stage elsewhere (CI logs). */
export function progressPrinter(title: string, stream: NodeJS.WriteStream = process.stderr): BuildProgress {
  let lastStage: BuildStage | undefined;
  return (stage, done, total) => {
    const pct = total > 0 ? Math.round((done / total) * 100) : 100;
    if (stream.isTTY) {
      const width = 24;
      const filled = Math.round((pct / 100) * width);
      stream.write(`\r${title}: ${STAGE_NAMES[stage].padEnd(16)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%`);
      if (stage === 'write') stream.write('\n');
    } else if (stage !== lastStage || done === total) {
      if (stage !== lastStage || stage === 'embed') stream.write(`${title}: ${STAGE_NAMES[stage]} ${done}/${total}\n`);
    }
    lastStage = stage;
  };
}
