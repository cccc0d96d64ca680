import type { EventEmitter } from 'node:events';
import { App, HTTPReceiver, type CustomRoute } from '@slack/bolt';
import { OPS_PATHS, serveOps } from '../../services/ops/ops-http.js';
import { registerActions } from './actions.js';
import { boltLogger } from './bolt-logger.js';
import { registerSlashCommand } from './command.js';
import { registerEventHandlers } from './events.js';
import { addressedOnly } from './gates/addressed-only.js';
import { allowedOnly } from './gates/allowed-only.js';
import { ignoreBots } from './gates/ignore-bots.js';
import { onceOnly } from './gates/once-only.js';
import { rateLimited } from './gates/rate-limited.js';
import { guardSlackRequests } from './request-guard.js';
import { slackErrorCode } from './guard.js';
import { createRuntime, type SlackDeps } from './runtime.js';
import { slackMode } from './settings.js';
import { makeWellFormedInPlace } from '../../engine/text/well-formed.js';

export type { SlackDeps } from './runtime.js';

/** How long shutdown waits for answers already being written. */
const DRAIN_MS = 10_000;

/**
 * The Bolt app with every handler registered, not yet started. Socket Mode when
 * an app token is set, otherwise HTTP on `settings.port` with signature checks.
 * Initialisation (auth.test) is deferred to `startSlack`, so a bad token is
 * reported there, once, with a clear message.
 */
function createSlackApp(deps: SlackDeps): { app: App; runtime: ReturnType<typeof createRuntime> } {
  const { settings } = deps;
  const runtime = createRuntime(deps);
  const common = {
    token: settings.botToken,
    logger: boltLogger(runtime.log),
    deferInitialization: true,
    // Conversation state is ours (ConversationMemory); Bolt's store would only cost memory.
    convoStore: false as const,
    // Keep Web API retries short: an answer that arrives half an hour late helps nobody.
    clientOptions: { retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 4000 }, ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}) },
  };
  const ops = deps.services.ops;
  // Health and metrics beside /slack/events (HTTP mode; Socket Mode has no port of its own: METRICS_PORT).
  const customRoutes: CustomRoute[] = ops
    ? OPS_PATHS.map((path) => ({ path, method: ['GET'], handler: (req, res) => void serveOps(ops, req, res, runtime.log) }))
    : [];
  const app =
    slackMode(settings) === 'socket'
      ? new App({ ...common, socketMode: true, appToken: settings.appToken! })
      : new App({ ...common, receiver: guardedReceiver(settings.signingSecret ?? '', settings.port, runtime.log, customRoutes) });
  // Lone UTF-16 surrogates (half an emoji) in a request become U+FFFD before any handler reads the text.
  app.use(async ({ body, next }) => {
    makeWellFormedInPlace(body);
    await next();
  });
  // The gates, in order (src/adapters/slack/gates/): people only, messages meant for the bot,
  // each message once, the allow-lists, then the per-user rate limit. Handlers see only what passed them all.
  app.use(ignoreBots);
  app.use(addressedOnly(runtime));
  app.use(onceOnly(runtime));
  app.use(allowedOnly(runtime));
  app.use(rateLimited(runtime));
  registerEventHandlers(app, runtime);
  registerSlashCommand(app, runtime);
  registerActions(app, runtime);
  app.error(async (err) => {
    runtime.log.error({ code: slackErrorCode(err.original ?? err), err: err.message }, 'unhandled Slack error');
  });
  return { app, runtime };
}

/**
 * Bolt's HTTP receiver behind our request checks (src/adapters/slack/request-guard.ts):
 * malformed bodies, future timestamps and replays never reach Bolt.
 */
function guardedReceiver(signingSecret: string, port: number, log: ReturnType<typeof createRuntime>['log'], customRoutes: CustomRoute[]): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret, port, logger: boltLogger(log), customRoutes });
  receiver.requestListener = guardSlackRequests(receiver.requestListener, { signingSecret, log });
  return receiver;
}

export interface RunningSlack {
  /** Where HTTP mode listens (port 0 in settings → the port chosen); undefined in Socket Mode. */
  port?: number;
  mode: 'http' | 'socket';
  /** For GET /healthz: auth.test succeeded at start and the HTTP server is up, or the Socket Mode connection is open. */
  connected(): boolean;
  /** Stops taking events, lets answers in flight finish (up to 10 s), then returns. */
  stop(): Promise<void>;
}

/** Follows the Socket Mode client's connection state (Bolt keeps its receiver private). */
function socketState(app: App): () => boolean {
  const client = (app as unknown as { receiver?: { client?: EventEmitter } }).receiver?.client;
  if (!client) return () => false;
  let open = false;
  client.on('connected', () => (open = true));
  client.on('disconnected', () => (open = false));
  client.on('reconnecting', () => (open = false));
  return () => open;
}

/** Verifies the token, starts the app and returns a handle for graceful shutdown. */
export async function startSlack(deps: SlackDeps & { host?: string }): Promise<RunningSlack> {
  const { app, runtime } = createSlackApp(deps);
  const mode = slackMode(deps.settings);
  try {
    await app.init();
  } catch (err) {
    const code = slackErrorCode(err);
    throw new Error(
      code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked'
        ? `Slack rejected SLACK_BOT_TOKEN (${code}). Copy the bot token again from "OAuth & Permissions" in the Slack app settings.`
        : `Could not reach Slack to check SLACK_BOT_TOKEN (${code ?? (err instanceof Error ? err.message : String(err))}).`,
    );
  }
  let port: number | undefined;
  let serving = true;
  const socketOpen = mode === 'socket' ? socketState(app) : undefined;
  if (mode === 'http') {
    const server = (await app.start({ port: deps.settings.port, ...(deps.host ? { host: deps.host } : {}) }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`The Slack app could not listen on PORT ${deps.settings.port} (${err.code ?? err.message}). Choose another PORT, or stop what is using it.`);
    }));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : deps.settings.port;
    runtime.log.info({ mode, port }, 'Slack app listening for events at /slack/events');
  } else {
    await app.start();
    runtime.log.info({ mode }, 'Slack app connected (Socket Mode)');
  }
  let stopped: Promise<void> | undefined;
  return {
    ...(port !== undefined ? { port } : {}),
    mode,
    connected: () => serving && (socketOpen ? socketOpen() : true),
    stop() {
      serving = false;
      stopped ??= (async () => {
        await app.stop().catch((err: unknown) => runtime.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'stopping the Slack receiver'));
        const drained = await runtime.inFlight.drain(DRAIN_MS);
        if (!drained) runtime.log.warn({ inFlight: runtime.inFlight.size }, 'stopped with Slack answers still in flight');
        runtime.log.info('Slack app stopped');
      })();
      return stopped;
    },
  };
}
