import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FakeTelegramApi } from '../../../fakes/telegram-bot-api.js';
import { killAndWait } from '../../../helpers/child.js';
import { REPO, type Workspace } from '../../../helpers/workspace.js';

/** PlanBot's Telegram bot running as its own process (`planbot start`), polling a fake Bot API. */
export interface BotProcess {
  child: ChildProcess;
  /** How bin/planbot.js ran it: the compiled dist/, or the sources through tsx (about 30 MB more). */
  mode: 'dist' | 'tsx';
  /** Resident memory now, and the most it has had since it started (VmRSS, VmHWM), in MB. */
  memory(): { rssMb: number; peakMb: number };
  alive(): boolean;
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts `planbot start` as the service runs it (bin/planbot.js: dist/ when it
 * is up to date, else the sources through tsx) on a workspace, with one
 * Telegram admin, and waits until it polls. Its own process, so its memory can
 * be measured apart from the test's.
 */
export async function startBotProcess(fake: FakeTelegramApi, ws: Workspace, options: { adminId: number; env?: Record<string, string> }): Promise<BotProcess> {
  const mark = fake.mark();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? ws.root,
    CORPUS_DIR: ws.corpusDir,
    INDEXES_DIR: ws.indexesDir,
    DATA_DIR: path.join(ws.root, 'data'),
    EMBEDDER: 'lexical',
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_ADMIN_IDS: String(options.adminId),
    TELEGRAM_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  // cwd is the workspace, so no .env of the checkout is read.
  const child = spawn(process.execPath, [path.join(REPO, 'bin/planbot.js'), 'start'], { cwd: ws.root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`planbot start exited (${code}): ${stderr}`))));
  exited.catch(() => undefined);
  await Promise.race([fake.waitFor((c) => c.method === 'getUpdates', { after: mark, timeoutMs: 60_000 }), exited]);
  const status = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
  return {
    child,
    mode: compiledIsFresh() ? 'dist' : 'tsx',
    memory: () => ({ rssMb: Math.round(status('VmRSS')), peakMb: Math.round(status('VmHWM')) }),
    alive: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    stop: () => killAndWait(child),
  };
}

/** The choice bin/planbot.js makes: dist/ when its build stamp is newer than every source file. */
function compiledIsFresh(): boolean {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs), 0);
  try {
    return statSync(path.join(REPO, 'dist', '.built')).mtimeMs >= newest(path.join(REPO, 'src'));
  } catch {
    return false;
  }
}
