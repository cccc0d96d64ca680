import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { scrubSecrets } from '../../engine/text/secrets.js';
import type { Logger } from 'pino';
import type { BotContext } from './context.js';
import { InFlight } from '../shared/in-flight.js';
import type { TelegramWebhookSettings } from './options.js';
import { serveOps, type OpsEndpoints } from '../../services/ops/ops-http.js';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const MAX_BODY_BYTES = 1_000_000;
/** Update ids remembered to recognise a replay (Telegram's ids only grow; a few thousand cover hours of traffic). */
const REMEMBERED_UPDATES = 10_000;

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface WebhookServer {
  port: number;
  /** Stops accepting updates, waits for the ones in progress, then closes. */
  close(): Promise<void>;
}

/**
 * Receives updates that Telegram POSTs to the webhook URL. The secret-token
 * header is checked first (wrong or missing → 401). The update is acknowledged
 * at once and handled afterwards, so a slow answer never makes Telegram time
 * out and deliver the same update twice; shutdown waits for the handling.
 */
export async function startWebhookServer(bot: Bot<BotContext>, webhook: TelegramWebhookSettings, log: Logger, ops?: OpsEndpoints): Promise<WebhookServer> {
  const inFlight = new InFlight();
  let closing = false;
  // The secret header is the same on every call, so a captured POST can be sent again: each update is handled once.
  const handled = new Set<number>();

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (ops && req.method === 'GET' && path !== webhook.path) {
      void serveOps(ops, req, res, log).then((served) => {
        if (!served) res.writeHead(404).end();
      });
      return;
    }
    if (req.method !== 'POST' || path !== webhook.path) {
      res.writeHead(404).end();
      return;
    }
    if (!sameSecret(req.headers[SECRET_HEADER], webhook.secret)) {
      log.warn({ remote: req.socket.remoteAddress }, 'webhook call without the right secret token refused');
      res.writeHead(401).end('secret token is wrong or missing');
      return;
    }
    if (closing) {
      // Telegram retries later, when the bot is back.
      res.writeHead(503, { connection: 'close' }).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      let update: Update;
      try {
        if (size > MAX_BODY_BYTES) throw new Error('body too large');
        update = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Update;
        if (!Number.isSafeInteger(update?.update_id)) throw new Error('no update_id');
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'webhook call with a body that is not a Telegram update');
        res.writeHead(400).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      if (handled.has(update.update_id)) {
        log.warn({ updateId: update.update_id }, 'ignored a replayed webhook update (this update id was already handled)');
        return;
      }
      handled.add(update.update_id);
      if (handled.size > REMEMBERED_UPDATES) handled.delete(handled.values().next().value!);
      void inFlight.track(
        bot.handleUpdate(update).catch((err: unknown) => log.error({ updateId: update.update_id, err: scrubSecrets(String(err)) }, 'update handling failed')),
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(webhook.port, webhook.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    async close() {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await inFlight.drain();
      server.closeAllConnections();
      await closed;
    },
  };
}
