import { createHmac } from 'node:crypto';
import http from 'node:http';

/**
 * Slack's requests to the app, signed exactly as Slack signs them, for tests
 * and the bench: events (mentions, DMs, thread messages), slash commands and
 * button clicks, POSTed to a Bolt app in HTTP mode.
 */

/** Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
function slackSignature(signingSecret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  /** Request timestamp in seconds (default: now); an old one makes the request stale. */
  timestampSec?: number;
  /** Replace the computed signature (to test rejection). */
  signature?: string;
  /** X-Slack-Retry-Num: Slack's retry counter when an earlier delivery was not acknowledged in time. */
  retryNum?: number;
}

export interface SentResponse {
  status: number;
  body: string;
  /** Milliseconds from sending to the HTTP response (the acknowledgement). */
  ms: number;
}

export interface MessageEventInput {
  text: string;
  channel?: string;
  user?: string;
  ts?: string;
  thread_ts?: string;
  channel_type?: 'channel' | 'group' | 'im' | 'mpim';
  bot_id?: string;
  subtype?: string;
  /** Shared files (subtype `file_share`), as Slack describes them. */
  files?: Record<string, unknown>[];
  /** The wrapping envelope's event_id (default: derived from ts). */
  eventId?: string;
}

let tsCounter = 0;

/** A message timestamp in Slack's format, unique within this process. */
export function nextTs(): string {
  tsCounter += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
}

export class SlackRequestSender {
  /** Plain node:http with kept-alive sockets: cheap enough that the bench measures the app, not the sender. */
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    /** The app's endpoint, e.g. http://127.0.0.1:3000/slack/events */
    readonly url: string,
    private readonly signingSecret: string,
    readonly ids: { teamId: string; botUserId: string; appId?: string } = { teamId: 'T0001', botUserId: 'UPLANBOT' },
  ) {}

  /** An Events API delivery wrapping `event`. */
  event(event: Record<string, unknown>, options: SendOptions & { eventId?: string } = {}): Promise<SentResponse> {
    const envelope = {
      token: 'legacy-verification-token-unused',
      team_id: this.ids.teamId,
      api_app_id: this.ids.appId ?? 'A0001',
      event,
      type: 'event_callback',
      event_id: options.eventId ?? `Ev${String(event.ts ?? nextTs()).replace('.', '')}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: this.ids.teamId, user_id: this.ids.botUserId, is_bot: true, is_enterprise_install: false }],
    };
    return this.send(JSON.stringify(envelope), 'application/json', options);
  }

  /** `@PlanBot <text>` in a channel. */
  mention(input: MessageEventInput, options: SendOptions = {}): Promise<SentResponse> {
    const ts = input.ts ?? nextTs();
    return this.event(
      {
        type: 'app_mention',
        user: input.user ?? 'UASKER',
        text: `<@${this.ids.botUserId}> ${input.text}`,
        ts,
        channel: input.channel ?? 'CGENERAL',
        event_ts: ts,
        ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
        ...(input.bot_id ? { bot_id: input.bot_id } : {}),
      },
      { ...options, ...(input.eventId ? { eventId: input.eventId } : {}) },
    );
  }

  /** A `message` event (DM, thread reply, a bot's post, an edit, …). */
  message(input: MessageEventInput, options: SendOptions = {}): Promise<SentResponse> {
    const ts = input.ts ?? nextTs();
    return this.event(
      {
        type: 'message',
        channel: input.channel ?? (input.channel_type === 'im' ? 'DASKER' : 'CGENERAL'),
        channel_type: input.channel_type ?? 'channel',
        text: input.text,
        ts,
        event_ts: ts,
        ...(input.user !== '' ? { user: input.user ?? 'UASKER' } : {}),
        ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
        ...(input.bot_id ? { bot_id: input.bot_id } : {}),
        ...(input.subtype ? { subtype: input.subtype } : {}),
        ...(input.files ? { files: input.files, upload: true } : {}),
      },
      { ...options, ...(input.eventId ? { eventId: input.eventId } : {}) },
    );
  }

  /** Files shared in a DM with the bot (a `message` event, subtype `file_share`). */
  fileShare(input: { files: Record<string, unknown>[]; text?: string; user?: string; channel?: string; ts?: string }, options: SendOptions = {}): Promise<SentResponse> {
    return this.message({ text: input.text ?? '', channel: input.channel ?? 'DADMIN', channel_type: 'im', subtype: 'file_share', files: input.files, ...(input.user ? { user: input.user } : {}), ...(input.ts ? { ts: input.ts } : {}) }, options);
  }

  /** A slash command, form-encoded as Slack sends it. */
  command(fields: { command?: string; text: string; user_id?: string; user_name?: string; channel_id?: string; response_url: string }, options: SendOptions = {}): Promise<SentResponse> {
    const form = new URLSearchParams({
      token: 'legacy-verification-token-unused',
      team_id: this.ids.teamId,
      team_domain: 'planbot-test',
      channel_id: fields.channel_id ?? 'CGENERAL',
      channel_name: 'general',
      user_id: fields.user_id ?? 'UASKER',
      user_name: fields.user_name ?? 'asker',
      command: fields.command ?? '/plan',
      text: fields.text,
      api_app_id: this.ids.appId ?? 'A0001',
      is_enterprise_install: 'false',
      response_url: fields.response_url,
      trigger_id: `${Date.now()}.trigger`,
    });
    return this.send(form.toString(), 'application/x-www-form-urlencoded', options);
  }

  /** A block_actions payload (a button click), form-encoded as `payload=<json>`. */
  action(payload: Record<string, unknown>, options: SendOptions = {}): Promise<SentResponse> {
    const body = {
      type: 'block_actions',
      team: { id: this.ids.teamId, domain: 'planbot-test' },
      api_app_id: this.ids.appId ?? 'A0001',
      token: 'legacy-verification-token-unused',
      trigger_id: `${Date.now()}.trigger`,
      ...payload,
    };
    return this.send(new URLSearchParams({ payload: JSON.stringify(body) }).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** POSTs a raw body with Slack's signature headers. */
  async send(body: string, contentType: string, options: SendOptions = {}): Promise<SentResponse> {
    const timestampSec = options.timestampSec ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestampSec),
      'x-slack-signature': options.signature ?? slackSignature(this.signingSecret, timestampSec, body),
      ...(options.retryNum !== undefined ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    };
    const started = performance.now();
    return new Promise<SentResponse>((resolve, reject) => {
      const req = http.request(this.url, { method: 'POST', agent: this.agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Closes the kept-alive sockets. */
  close(): void {
    this.agent.destroy();
  }
}
