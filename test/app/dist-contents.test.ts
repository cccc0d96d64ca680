import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSC = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'tsc.cmd' : 'tsc');

async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

// What `npm run build` compiles (tsconfig.build.json: src/ only), built into a temporary folder.
describe('the compiled CLI (dist/)', () => {
  let outDir: string;
  let files: string[];

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 'planbot-dist-'));
    execFileSync(TSC, ['-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], { cwd: ROOT, stdio: 'pipe' });
    files = await filesUnder(outDir);
  }, 180_000);

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('holds the CLI entry point and the four layers', () => {
    expect(files).toContain('app/main.js');
    for (const layer of ['engine', 'services', 'adapters', 'app']) expect(files.some((f) => f.startsWith(`${layer}/`))).toBe(true);
  });

  it('holds no fake server and no bench: those live in test/fakes/ and scripts/bench/', async () => {
    expect(files.filter((f) => /fake|bench/i.test(f))).toEqual([]);
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const code = await readFile(path.join(outDir, file), 'utf8');
      expect(code, file).not.toMatch(/\b(FakeTelegramApi|FakeSlackWebApi|SlackRequestSender|BENCH_STEPS)\b/);
      expect(code, file).not.toMatch(/from ['"](\.\.\/)+(test|scripts)\//);
    }
  });
});
