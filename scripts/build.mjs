// Compiles src/ to dist/ and stamps the build, so bin/planbot.js knows the output matches the sources.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsc.cmd' : 'tsc');
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const started = Date.now();
try {
  execFileSync(tsc, ['-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
} catch (err) {
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  // During `npm install` a failed compile must not fail the install: the CLI then runs the sources through tsx.
  if (process.env.npm_lifecycle_event === 'prepare') {
    console.warn(`planbot: could not compile src/ (${err.message.split('\n')[0]}); the CLI will run the TypeScript sources directly.`);
    process.exit(0);
  }
  throw err;
}
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist', '.built'), `${new Date(started).toISOString()}\n`);
console.log(`planbot: compiled src/ to dist/ in ${Date.now() - started} ms`);
