import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A `planbot start` child process: Slack in HTTP mode and/or Telegram in webhook mode, each on its own port. */
export interface WorkerProcess {
  name: string;
  slackPort: number;
  telegramPort: number;
  /** Every JSON log line the worker wrote so far. */
  logs: Record<string, unknown>[];
  child: ChildProcess;
  /** SIGTERM, then waits for the process to exit (its answers in flight finish first). */
  stop(): Promise<void>;
}

/**
 * Starts `node bin/planbot.js start` with `env` (on top of PATH, HOME and TZ only) plus
 * PORT and TELEGRAM_WEBHOOK_PORT set to free loopback ports, and resolves once every
 * configured bot has logged that it is listening.
 */
export async function startWorker(name: string, env: Record<string, string>, timeoutMs = 90_000): Promise<WorkerProcess> {
  const [slackPort, telegramPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/planbot.js'), 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TZ: process.env.TZ ?? 'UTC',
      LOG_LEVEL: 'info',
      ...env,
      PORT: String(slackPort),
      TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
      TELEGRAM_WEBHOOK_PORT: String(telegramPort),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let buffered = '';
  child.stderr!.on('data', (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        stderr += `${line}\n`;
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const wants = [...(env.SLACK_BOT_TOKEN ? ['Slack app listening for events at /slack/events'] : []), ...(env.TELEGRAM_BOT_TOKEN ? ['Telegram bot started'] : [])];
  const until = Date.now() + timeoutMs;
  let early: number | null | undefined;
  void exited.then((code) => (early = code));
  while (!wants.every((msg) => logs.some((l) => l.msg === msg))) {
    if (early !== undefined || Date.now() > until) {
      child.kill('SIGKILL');
      const why = logs
        .filter((l) => Number(l.level) >= 40)
        .map((l) => String(l.msg) + (l.err ? `: ${JSON.stringify(l.err)}` : ''))
        .join('; ');
      throw new Error(`worker ${name} ${early !== undefined ? `exited (${early})` : 'did not start in time'}: ${why || stderr.trim() || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    name,
    slackPort,
    telegramPort,
    logs,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
