import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { HealthCheck } from './health.js';
import type { Metrics } from './metrics.js';

/** GET /healthz and GET /metrics, served on whichever HTTP server the process has. */
export interface OpsEndpoints {
  health: HealthCheck;
  metrics: Metrics;
}

export const OPS_PATHS = ['/healthz', '/metrics'] as const;

/**
 * Answers /healthz (JSON; 200 when ok, 503 when degraded, so a load balancer takes the worker
 * out) and /metrics (Prometheus text). Returns false for any other request, for the caller to handle.
 */
export async function serveOps(ops: OpsEndpoints, req: IncomingMessage, res: ServerResponse, log: Logger): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (!(OPS_PATHS as readonly string[]).includes(path)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return true;
  }
  try {
    if (path === '/healthz') {
      const report = await ops.health.check();
      res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(report));
    } else {
      const { contentType, body } = await ops.metrics.exposition();
      res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    }
  } catch (err) {
    log.error({ err: err instanceof Error ? err.message : String(err), path }, 'could not serve an operations endpoint');
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
  return true;
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** METRICS_PORT: a small server for /healthz and /metrics when the bots have no HTTP port of their own (polling, Socket Mode). */
export async function startOpsServer(ops: OpsEndpoints, options: { port: number; host: string }, log: Logger): Promise<OpsServer> {
  const server = http.createServer((req, res) => {
    void serveOps(ops, req, res, log).then((served) => {
      if (!served) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`The health and metrics server could not listen on METRICS_PORT ${options.port} (${err.code ?? err.message}). Choose another METRICS_PORT.`)),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, paths: OPS_PATHS }, 'health and metrics listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
