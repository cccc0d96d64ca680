import { Command } from 'commander';

export type CliRun = { code: number; stdout: string; stderr: string };

/**
 * Runs CLI commands in this process, as the real CLI would (a commander program with the
 * commands `register` adds, settings read from process.env), capturing what they print and
 * their exit code. `env` is applied for the run and restored afterwards.
 */
export async function runCliInProcess(register: (program: Command) => void, env: Record<string, string | undefined>, args: readonly string[]): Promise<CliRun> {
  const program = new Command().name('planbot').exitOverride();
  register(program);
  let stdout = '';
  let stderr = '';
  const saved = { out: process.stdout.write, err: process.stderr.write, env: Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]])) };
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  Object.assign(process.env, env);
  process.exitCode = undefined;
  let code = 0;
  try {
    await program.parseAsync(['node', 'planbot', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (err) {
    stderr += `planbot: ${(err as Error).message}\n`;
    code = 1;
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    for (const [k, v] of Object.entries(saved.env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.exitCode = undefined;
  }
  return { code, stdout, stderr };
}
