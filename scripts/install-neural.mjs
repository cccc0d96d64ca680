// `npm run install-neural`: adds the optional neural embedder (@huggingface/transformers with ONNX Runtime,
// about 470 MB) to node_modules. The default install leaves it out; its version range is in package.json
// under "planbot"."neuralEmbedder". `--no-save` keeps package.json and package-lock.json as they are, so
// run this again after every `npm ci` or `npm install` (they remove packages the lock file does not list).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const name = '@huggingface/transformers';
const range = pkg.planbot?.neuralEmbedder?.[name];
if (!range) {
  console.error(`planbot: package.json names no version of ${name} under "planbot"."neuralEmbedder"; nothing to install.`);
  process.exit(1);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// onnxruntime-node's install script would fetch CUDA libraries from outside the npm registry; the CPU
// runtime PlanBot uses ships inside the package, so that step is skipped.
const result = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', `${name}@${range}`], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
  shell: process.platform === 'win32',
});
if (result.status !== 0) {
  console.error(`planbot: installing ${name} failed (exit ${result.status ?? result.signal}). The lexical embedder keeps working without it.`);
  process.exit(result.status ?? 1);
}
console.log(`planbot: installed ${name}@${range}; EMBEDDER=transformers (or auto with model files present) can now use it.`);
