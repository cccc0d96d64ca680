import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Slack's side of the conversation, for tests and the bench:
 * the Web API (`/api/<method>`) and response URLs (`/response/<id>`), on
 * 127.0.0.1. It records every call the real Bolt/WebClient makes and answers
 * like Slack does (`{ ok: true, … }` or `{ ok: false, error }`). No Slack behaviour
 * beyond what PlanBot uses is imitated.
 */

export interface WebApiCall {
  method: string;
  /** Form or JSON parameters; JSON-valued form fields (blocks, …) are parsed. */
  params: Record<string, unknown>;
  /** The bearer token sent, if any. */
  token?: string;
  /** performance.now() when the request arrived (for latency measurements). */
  at: number;
}

export interface ResponseUrlPost {
  /** The id in `/response/<id>`. */
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeWebApiOptions {
  /** Only this token is accepted (others get `invalid_auth`); default: any `xoxb-` token. */
  token?: string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
}

/** A download of a private file (`url_private_download`), as the fake received it. */
export interface FileDownload {
  fileId: string;
  token?: string;
  at: number;
}

/** A file the fake serves, described as Slack describes shared files in message events. */
export interface FakeSlackFile {
  id: string;
  name: string;
  title: string;
  size: number;
  mimetype: string;
  filetype: string;
  url_private: string;
  url_private_download: string;
}

type Recorded = { kind: 'call'; call: WebApiCall } | { kind: 'response'; post: ResponseUrlPost } | { kind: 'download'; download: FileDownload };

export class FakeSlackWebApi {
  readonly calls: WebApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly downloads: FileDownload[] = [];
  private readonly files = new Map<string, { file: FakeSlackFile; bytes: Uint8Array }>();
  private readonly failures = new Map<string, string[]>();
  private readonly events = new EventEmitter();
  private nextTs = 1;
  private nextResponseId = 1;

  private constructor(
    private readonly server: http.Server,
    readonly origin: string,
    readonly options: Required<Omit<FakeWebApiOptions, 'token'>> & { token?: string },
  ) {
    this.events.setMaxListeners(0);
  }

  static async start(options: FakeWebApiOptions = {}): Promise<FakeSlackWebApi> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const fake = new FakeSlackWebApi(server, origin, {
      botUserId: options.botUserId ?? 'UPLANBOT',
      botId: options.botId ?? 'BPLANBOT',
      teamId: options.teamId ?? 'T0001',
      ...(options.token ? { token: options.token } : {}),
    });
    server.on('request', (req, res) => fake.handle(req, res));
    return fake;
  }

  /** Base URL for `clientOptions.slackApiUrl` / SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A fresh response URL, as Slack puts in slash command and button payloads. */
  responseUrl(): string {
    return `${this.origin}/response/${this.nextResponseId++}`;
  }

  /**
   * A file someone shared, served at its `url_private_download` to requests bearing
   * a valid bot token (others get Slack's sign-in page, as Slack does). `size` may
   * announce a different size than the bytes (Slack's word is what apps check first).
   */
  addFile(name: string, bytes: Uint8Array, options: { size?: number; mimetype?: string; filetype?: string } = {}): FakeSlackFile {
    const id = `F${String(this.files.size + 1).padStart(8, '0')}`;
    const base = `${this.origin}/files-pri/${this.options.teamId}-${id}`;
    const file: FakeSlackFile = {
      id,
      name,
      title: name,
      size: options.size ?? bytes.byteLength,
      mimetype: options.mimetype ?? 'application/octet-stream',
      filetype: options.filetype ?? (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : 'binary'),
      url_private: `${base}/${encodeURIComponent(name)}`,
      url_private_download: `${base}/download/${encodeURIComponent(name)}`,
    };
    this.files.set(id, { file, bytes });
    return file;
  }

  downloadsOf(fileId: string): FileDownload[] {
    return this.downloads.filter((d) => d.fileId === fileId);
  }

  /** The next `times` calls of `method` fail with this Slack error code. */
  failNext(method: string, error: string, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array<string>(times).fill(error)]);
  }

  callsTo(method: string): WebApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(url: string): ResponseUrlPost[] {
    const id = url.slice(url.lastIndexOf('/') + 1);
    return this.responses.filter((r) => r.id === id);
  }

  /** Resolves with the first recorded call (already made or coming) that matches. */
  waitForCall(match: (c: WebApiCall) => boolean, timeoutMs = 10_000): Promise<WebApiCall> {
    return this.waitFor(() => this.calls.find(match), timeoutMs, 'a Web API call');
  }

  waitForResponse(match: (r: ResponseUrlPost) => boolean, timeoutMs = 10_000): Promise<ResponseUrlPost> {
    return this.waitFor(() => this.responses.find(match), timeoutMs, 'a response_url POST');
  }

  /** Called for every call and response as it is recorded. */
  onRecord(listener: (r: Recorded) => void): () => void {
    this.events.on('record', listener);
    return () => this.events.off('record', listener);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.downloads.length = 0;
    this.failures.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  private waitFor<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`fake Slack: no ${what} matched within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onRecord(() => {
        const hit = find();
        if (hit === undefined) return;
        clearTimeout(timer);
        off();
        resolve(hit);
      });
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', this.origin);
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(payload));
      };
      const params = parseBody(raw, req.headers['content-type']);
      if (url.pathname.startsWith('/response/') && req.method === 'POST') {
        const post: ResponseUrlPost = { id: url.pathname.slice('/response/'.length), body: params, at };
        this.responses.push(post);
        this.events.emit('record', { kind: 'response', post } satisfies Recorded);
        return send(200, { ok: true });
      }
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (typeof params.token === 'string' ? params.token : undefined);
      if (url.pathname.startsWith('/files-pri/') && req.method === 'GET') return this.serveFile(url, token, at, res);
      if (!url.pathname.startsWith('/api/')) return send(404, { ok: false, error: 'unknown_path' });
      const method = url.pathname.slice('/api/'.length);
      const call: WebApiCall = { method, params, ...(token ? { token } : {}), at };
      this.calls.push(call);
      this.events.emit('record', { kind: 'call', call } satisfies Recorded);
      send(200, this.reply(call));
    });
  }

  private reply(call: WebApiCall): Record<string, unknown> {
    if (!this.validToken(call.token)) return { ok: false, error: call.token ? 'invalid_auth' : 'not_authed' };
    const failure = this.failures.get(call.method)?.shift();
    if (failure) return { ok: false, error: failure };
    const { botUserId, botId, teamId } = this.options;
    switch (call.method) {
      case 'auth.test':
        return { ok: true, url: 'https://planbot-test.slack.com/', team: 'PlanBot Test', user: 'planbot', team_id: teamId, user_id: botUserId, bot_id: botId };
      case 'chat.postMessage': {
        const ts = this.ts();
        return { ok: true, channel: call.params.channel, ts, message: { type: 'message', bot_id: botId, user: botUserId, ts, text: call.params.text, ...(call.params.thread_ts ? { thread_ts: call.params.thread_ts } : {}) } };
      }
      case 'chat.update':
        return { ok: true, channel: call.params.channel, ts: call.params.ts, text: call.params.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.ts() };
      case 'files.info': {
        const stored = this.files.get(String(call.params.file));
        return stored ? { ok: true, file: stored.file } : { ok: false, error: 'file_not_found' };
      }
      default:
        return { ok: true };
    }
  }

  private validToken(token: string | undefined): boolean {
    return token !== undefined && (this.options.token ? token === this.options.token : token.startsWith('xoxb-'));
  }

  private serveFile(url: URL, token: string | undefined, at: number, res: http.ServerResponse): void {
    const fileId = /^\/files-pri\/[^/]+-(F\w+)\//.exec(url.pathname)?.[1] ?? '';
    const download: FileDownload = { fileId, ...(token ? { token } : {}), at };
    this.downloads.push(download);
    this.events.emit('record', { kind: 'download', download } satisfies Recorded);
    const stored = this.files.get(fileId);
    if (!this.validToken(token)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
      return;
    }
    if (!stored) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': stored.file.mimetype, 'content-length': stored.bytes.byteLength });
    res.end(Buffer.from(stored.bytes));
  }

  private ts(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(this.nextTs++).padStart(6, '0')}`;
  }
}

/** Form fields WebClient sends as JSON text. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

/** Form bodies (what WebClient sends, JSON-valued fields parsed) or JSON bodies (what respond() sends). */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { _raw: raw };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = JSON_FIELDS.has(key) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
