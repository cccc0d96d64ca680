import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { REPO } from './workspace.js';

export interface PlanbotProcess {
  child: ChildProcessWithoutNullStreams;
  /** Everything written to stderr (the logs) so far. */
  stderr(): string;
  /** Resolves with the first match of `pattern` in the logs; rejects if the process exits first. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** `planbot <args>` in its own process with only the given environment (plus PATH): what an admin runs. */
export function startPlanbot(args: string[], env: Record<string, string>, cwd = REPO): PlanbotProcess {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/planbot.js'), ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    stderr: () => stderr,
    waitForLog(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(stderr);
          if (m) {
            clearTimeout(timer);
            child.stderr.off('data', check);
            resolve(m);
          }
        };
        const timer = setTimeout(() => reject(new Error(`no log line matching ${pattern}; logs so far:\n${stderr}`)), timeoutMs);
        child.stderr.on('data', check);
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`planbot exited before logging ${pattern}:\n${stderr}`));
        });
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
