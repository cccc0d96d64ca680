import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat completion request as the fake server received it. */
export interface FakeChatRequest {
  path: string;
  auth: string | undefined;
  body: {
    model?: string;
    stream?: boolean;
    stream_options?: { include_usage?: boolean };
    max_tokens?: number;
    messages?: { role: string; content: string }[];
  };
  /** The system and user messages, for the test's "model" to read. */
  system: string;
  user: string;
}

/** What the fake model does with a request. */
export type FakeChatReply =
  /** A reply; streamed as server-sent events when the request asked for a stream. */
  | { content: string; pieceChars?: number; pieceDelayMs?: number; stallAfterPieces?: number }
  /** An HTTP error. */
  | { status: number; error?: string; headers?: Record<string, string> }
  /** Accepts the request and never answers (until the client gives up). */
  | { hang: true };

export interface FakeChatServer {
  baseURL: string;
  requests: FakeChatRequest[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible /v1/chat/completions endpoint on 127.0.0.1 for tests: the
 * real `openai` client talks to it over HTTP. `respond` plays the model.
 */
export async function startFakeChatServer(respond: (req: FakeChatRequest) => FakeChatReply | Promise<FakeChatReply>): Promise<FakeChatServer> {
  const requests: FakeChatRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      void (async () => {
        const body = JSON.parse(raw || '{}') as FakeChatRequest['body'];
        const messages = body.messages ?? [];
        const recorded: FakeChatRequest = {
          path: req.url ?? '',
          auth: req.headers.authorization,
          body,
          system: messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n'),
          user: messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n'),
        };
        requests.push(recorded);
        if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: 'not found' } }));
          return;
        }
        const reply = await respond(recorded);
        if ('hang' in reply) return; // the socket stays open until the client aborts or the server closes
        if ('status' in reply) {
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.end(JSON.stringify({ error: { message: reply.error ?? `fake error ${reply.status}`, type: 'server_error' } }));
          return;
        }
        const usage = {
          prompt_tokens: Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4),
          completion_tokens: Math.ceil(reply.content.length / 4),
          total_tokens: 0,
        };
        usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
        const base = { id: 'chatcmpl-fake', created: 0, model: body.model ?? 'fake' };
        if (!body.stream) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({
            ...base,
            object: 'chat.completion',
            choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }],
            usage,
          }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
        const size = reply.pieceChars ?? 6;
        let sent = 0;
        for (let i = 0; i < reply.content.length; i += size) {
          if (reply.stallAfterPieces !== undefined && sent >= reply.stallAfterPieces) return; // stops talking, keeps the socket
          send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { ...(i === 0 ? { role: 'assistant' } : {}), content: reply.content.slice(i, i + size) }, finish_reason: null }] });
          sent++;
          if (reply.pieceDelayMs) await later(reply.pieceDelayMs);
          if (res.destroyed) return;
        }
        send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
        if (body.stream_options?.include_usage) send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
        res.end('data: [DONE]\n\n');
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

/** The sections of an answer request, as the model was shown them. */
export function sectionsInPrompt(user: string): { id: string; text: string; translation?: string }[] {
  const out: { id: string; text: string; translation?: string }[] = [];
  for (const m of user.matchAll(/<section id="([^"]+)"[^>]*>\n([\s\S]*?)\n<\/section>/g)) {
    const [original, translation] = m[2]!.split(/\n<translation[^>]*>\n/);
    out.push({ id: m[1]!, text: original!, ...(translation ? { translation: translation.replace(/\n<\/translation>$/, '') } : {}) });
  }
  return out;
}

/** The question of a request (answer or rewrite). */
export function questionInPrompt(user: string): string {
  return /<question>\n([\s\S]*?)\n<\/question>/.exec(user)?.[1] ?? '';
}
