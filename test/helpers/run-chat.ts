import { Readable, Writable } from 'node:stream';
import { startLocalChat } from '../../src/app/cli/chat-command.js';

/**
 * Pipes lines into the local chat as `planbot chat` runs it (index, status tracking and
 * question log opened from settings in `env`), in this process; returns what it printed
 * after the two banner lines (and the blank line after them). `env` is applied for the run and restored afterwards.
 */
export async function chatInProcess(env: Record<string, string | undefined>, lines: readonly string[], options: { terminal?: boolean } = {}): Promise<string> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let printed = '';
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      printed += chunk.toString();
      done();
    },
  });
  try {
    // `terminal`: the input claims to be a TTY, as process.stdin does in a terminal.
    const input = Object.assign(Readable.from(lines.map((l) => `${l}\n`)), options.terminal ? { isTTY: true } : {});
    await startLocalChat({ input, output });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return printed.split('\n').slice(3).join('\n');
}
