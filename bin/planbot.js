#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build`, which `npm install` runs) when it is
// at least as new as every source file; otherwise runs the TypeScript sources through tsx, so an
// edited checkout never runs stale code. The compiled path starts faster and uses ~30 MB less.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.built');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function compiledIsFresh() {
  try {
    return statSync(stamp).mtimeMs >= newestSource(path.join(root, 'src'));
  } catch {
    return false;
  }
}

if (compiledIsFresh()) {
  await import(pathToFileURL(path.join(root, 'dist', 'app', 'main.js')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'src', 'app', 'main.ts')).href);
}
