import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, InlineKeyboardMarkup, Message, MessageEntity, Update, User, UserFromGetMe } from 'grammy/types';
import { isWellFormedText } from '../../src/engine/text/well-formed.js';

/**
 * A stand-in for the Telegram Bot API on 127.0.0.1, for tests and the bench:
 * the real grammY client talks to it over HTTP. It queues updates for
 * getUpdates (long polling), records every call the bot makes, checks what the
 * bot sends the way Telegram does (HTML parse mode, 4,096 characters, button
 * data) and can answer a call with an error on demand (e.g. 429 retry_after).
 */

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  /** performance.now() when the request arrived. */
  at: number;
  /** The error answered, when the call failed. */
  error?: ApiErrorReply;
  /** What the call returned (e.g. the Message a sendMessage created). */
  result?: unknown;
}

export interface ApiErrorReply {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

type ApiResult = { ok: true; result: unknown } | ({ ok: false } & ApiErrorReply);

/** The content of an update (one of message, edited_message, callback_query, …), loosely typed for building test traffic. */
export type UpdateBody = { [K in Exclude<keyof Update, 'update_id'>]?: unknown };

/** A chat as the fake knows it; private chats have the user's id. */
export type FakeChat = Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat | Chat.ChannelChat;

export const FAKE_BOT: UserFromGetMe = {
  id: 7_000_001,
  is_bot: true,
  first_name: 'PlanBot',
  username: 'planbot_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
} as UserFromGetMe;

/** A syntactically valid token for the fake bot (the fake rejects any other). */
const FAKE_TOKEN = `${FAKE_BOT.id}:AAFakeTokenForTests_0123456789abcdefXYZ`;

const TELEGRAM_LIMIT = 4096;
const ALLOWED_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);

/** Parses Telegram HTML as the Bot API does; returns the plain text, or the error Telegram would give. */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const stack: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) return { error: `Unclosed start tag at byte offset ${i}` };
      const tag = html.slice(i + 1, end);
      const closing = tag.startsWith('/');
      const name = /^\/?([a-z][a-z-]*)/i.exec(tag)?.[1]?.toLowerCase();
      if (!name || !ALLOWED_TAGS.has(name)) return { error: `Unsupported start tag "${tag.split(/\s/)[0]}" at byte offset ${i}` };
      if (closing) {
        const expected = stack.pop();
        if (expected !== name) return { error: `Unmatched end tag at byte offset ${i}, expected "</${expected ?? ''}>", found "</${name}>"` };
      } else {
        stack.push(name);
      }
      i = end + 1;
    } else if (ch === '&') {
      const m = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-f]{1,6});/i.exec(html.slice(i, i + 12));
      if (!m) return { error: `Character '&' is reserved and must be escaped (byte offset ${i})` };
      const name = m[1]!.toLowerCase();
      text += name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'amp' ? '&' : name === 'quot' ? '"' : String.fromCodePoint(Number(name.startsWith('#x') ? `0x${name.slice(2)}` : name.slice(1)));
      i += m[0].length;
    } else if (ch === '>') {
      return { error: `Character '>' is reserved and must be escaped (byte offset ${i})` };
    } else {
      text += ch;
      i++;
    }
  }
  if (stack.length > 0) return { error: `Can't find end tag corresponding to start tag "${stack[stack.length - 1]}"` };
  return { text };
}

class ApiFailure extends Error {
  constructor(readonly reply: ApiErrorReply) {
    super(reply.description);
  }
}

const badRequest = (description: string): ApiFailure => new ApiFailure({ error_code: 400, description: `Bad Request: ${description}` });

interface Waiter {
  predicate: (call: ApiCall) => boolean;
  resolve: (call: ApiCall) => void;
}

export class FakeTelegramApi {
  readonly token: string;
  readonly bot: UserFromGetMe;
  /** Every call the bot made, in arrival order. */
  readonly calls: ApiCall[] = [];
  webhook: { url: string; secret_token?: string } | undefined;
  readonly commands = new Map<string, { command: string; description: string }[]>();

  private server!: http.Server;
  private port = 0;
  // Telegram's update ids are unique per bot, and workers sharing a database handle each
  // once: every fake in a process (and every process) numbers its updates in its own range.
  private nextUpdateId = nextUpdateIdRange();
  private queue: Update[] = [];
  private polls: { limit: number; respond: (updates: Update[]) => void }[] = [];
  private readonly messages = new Map<number, Map<number, Message>>();
  private readonly chats = new Map<number, FakeChat>();
  private readonly lastMessageId = new Map<number, number>();
  private readonly openCallbacks = new Set<string>();
  private readonly openInlineQueries = new Set<string>();
  private failures: { method: string; reply: ApiErrorReply }[] = [];
  /** Files users sent, by file_id: what getFile describes and /file/bot<token>/<path> serves. */
  private readonly files = new Map<string, { path: string; bytes: Uint8Array | undefined; size: number }>();
  private waiters: Waiter[] = [];
  private nextQueryId = 1;

  private constructor(options: { token?: string; bot?: UserFromGetMe }) {
    this.bot = options.bot ?? FAKE_BOT;
    this.token = options.token ?? FAKE_TOKEN;
  }

  /** Starts the fake on 127.0.0.1 with a free port. */
  static async start(options: { token?: string; bot?: UserFromGetMe } = {}): Promise<FakeTelegramApi> {
    const fake = new FakeTelegramApi(options);
    fake.server = http.createServer((req, res) => fake.handle(req, res));
    fake.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** Value for the bot's apiRoot (TELEGRAM_API_ROOT). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Ends pending long polls and closes every connection. */
  async close(): Promise<void> {
    for (const poll of this.polls.splice(0)) poll.respond([]);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  // ---- what the bot receives ------------------------------------------------

  /** Queues an update for getUpdates; returns it with its update_id. */
  pushUpdate(update: UpdateBody): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    this.queue.push(full);
    this.flushPolls();
    return full;
  }

  /** An update as Telegram would build it, not queued (for a webhook POST). */
  buildUpdate(update: UpdateBody): Update {
    return { update_id: this.nextUpdateId++, ...update } as Update;
  }

  privateChat(user: User): Chat.PrivateChat {
    return { id: user.id, type: 'private', first_name: user.first_name, ...(user.username ? { username: user.username } : {}) };
  }

  /** A user message as Telegram delivers it: commands and @mentions get their entities, a reply carries the replied message. */
  userMessage(chat: FakeChat, from: User, text: string, options: { replyTo?: number } = {}): Message.TextMessage {
    const entities: MessageEntity[] = [];
    const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
    if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
    for (const m of text.matchAll(/@\w{3,}/g)) if (!(command && m.index! < command[0].length)) entities.push({ type: 'mention', offset: m.index!, length: m[0].length });
    const replied = options.replyTo !== undefined ? this.messages.get(chat.id)?.get(options.replyTo) : undefined;
    const message = {
      message_id: this.newMessageId(chat.id),
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      text,
      ...(entities.length ? { entities } : {}),
      ...(replied ? { reply_to_message: replied } : {}),
    } as Message.TextMessage;
    this.store(chat.id, message);
    return message;
  }

  /** Queues a text message from a user; returns the update. */
  sendText(chat: FakeChat, from: User, text: string, options: { replyTo?: number } = {}): Update {
    return this.pushUpdate({ message: this.userMessage(chat, from, text, options) });
  }

  /** Queues an edit of an earlier user message. */
  editText(chat: FakeChat, from: User, messageId: number, text: string): Update {
    const old = this.messages.get(chat.id)?.get(messageId);
    const edited = { ...(old ?? { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, from }), text, edit_date: Math.floor(Date.now() / 1000) } as Message.TextMessage;
    this.store(chat.id, edited);
    return this.pushUpdate({ edited_message: edited });
  }

  /** Queues a sticker (or any other non-text content) from a user. */
  sendSticker(chat: FakeChat, from: User, options: { replyTo?: number } = {}): Update {
    const replied = options.replyTo !== undefined ? this.messages.get(chat.id)?.get(options.replyTo) : undefined;
    const message = {
      message_id: this.newMessageId(chat.id),
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      sticker: { file_id: 'sticker-1', file_unique_id: 'u1', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '👍' },
      ...(replied ? { reply_to_message: replied } : {}),
    } as Message;
    this.store(chat.id, message);
    return this.pushUpdate({ message });
  }

  /**
   * Queues a file sent as a document (e.g. a .docx). `announcedSize` overrides the
   * file_size Telegram reports (to test a size check without building a big file);
   * with `bytes` undefined the file is announced but cannot be downloaded.
   */
  sendDocument(chat: FakeChat, from: User, file: { name: string; bytes?: Uint8Array; mimeType?: string; announcedSize?: number; caption?: string }): Update {
    const n = this.files.size + 1;
    const fileId = `doc-${n}-${Math.random().toString(36).slice(2, 10)}`;
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(file.name)?.[0] ?? '';
    const size = file.announcedSize ?? file.bytes?.byteLength ?? 0;
    this.files.set(fileId, { path: `documents/file_${n}${ext}`, bytes: file.bytes, size });
    const message = {
      message_id: this.newMessageId(chat.id),
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: file.name, ...(file.mimeType ? { mime_type: file.mimeType } : {}), file_size: size },
      ...(file.caption ? { caption: file.caption } : {}),
      ...(file.caption && /@\w{3,}/.test(file.caption)
        ? { caption_entities: [...file.caption.matchAll(/@\w{3,}/g)].map((m) => ({ type: 'mention' as const, offset: m.index!, length: m[0].length })) }
        : {}),
    } as Message.DocumentMessage;
    this.store(chat.id, message);
    return this.pushUpdate({ message });
  }

  /** Downloads of user files the bot made (GET /file/bot<token>/<path>), as calls named "downloadFile". */
  downloads(after = 0): ApiCall[] {
    return this.calls.slice(after).filter((c) => c.method === 'downloadFile');
  }

  /** Queues a post in a channel the bot is in. */
  channelPost(chat: Chat.ChannelChat, text: string): Update {
    const post = { message_id: this.newMessageId(chat.id), date: Math.floor(Date.now() / 1000), chat, sender_chat: chat, text } as Message.TextMessage;
    return this.pushUpdate({ channel_post: post });
  }

  /** Queues a press on an inline button under one of the bot's messages. */
  pressButton(chat: FakeChat, from: User, messageId: number, data: string): Update {
    const message = this.messages.get(chat.id)?.get(messageId);
    if (!message) throw new Error(`fake: no message ${messageId} in chat ${chat.id}`);
    const id = `cb${this.nextQueryId++}`;
    this.openCallbacks.add(id);
    return this.pushUpdate({ callback_query: { id, from, message, chat_instance: `ci${chat.id}`, data } });
  }

  /** Queues an inline query ("@bot query" typed in any chat). */
  inlineQuery(from: User, query: string): Update {
    const id = `iq${this.nextQueryId++}`;
    this.openInlineQueries.add(id);
    return this.pushUpdate({ inline_query: { id, from, query, offset: '', chat_type: 'sender' } });
  }

  // ---- what the bot sends -----------------------------------------------------

  /** The next call to `method` answers with this error (`times` calls in a row). */
  failNext(method: string, reply: ApiErrorReply, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ method, reply });
  }

  /** Index for `waitFor(…, { after })`: only calls made from now on. */
  mark(): number {
    return this.calls.length;
  }

  /** Resolves with the first call (from `after` on) matching the predicate; rejects after `timeoutMs`. */
  waitFor(predicate: (call: ApiCall) => boolean, options: { after?: number; timeoutMs?: number } = {}): Promise<ApiCall> {
    for (let i = options.after ?? 0; i < this.calls.length; i++) if (predicate(this.calls[i]!)) return Promise.resolve(this.calls[i]!);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`fake Telegram: no matching call within ${options.timeoutMs ?? 5000} ms`));
      }, options.timeoutMs ?? 5000);
      this.waiters.push(waiter);
    });
  }

  /** The first successful sendMessage to a chat after `after`. */
  waitForMessage(chatId: number, options: { after?: number; timeoutMs?: number } = {}): Promise<ApiCall> {
    return this.waitFor((c) => c.method === 'sendMessage' && !c.error && Number(c.payload.chat_id) === chatId, options);
  }

  /** Successful sendMessage calls to a chat (after `after`). */
  sentTo(chatId: number, after = 0): ApiCall[] {
    return this.calls.slice(after).filter((c) => c.method === 'sendMessage' && !c.error && Number(c.payload.chat_id) === chatId);
  }

  /** A message as stored (the bot's as Telegram returned it), e.g. to reply to it. */
  message(chatId: number, messageId: number): Message | undefined {
    return this.messages.get(chatId)?.get(messageId);
  }

  // ---- HTTP -----------------------------------------------------------------

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const pathname = new URL(req.url ?? '/', 'http://x').pathname;
      if (pathname.startsWith('/file/')) return this.serveFile(pathname, res);
      const match = /^\/bot([^/]+)\/(?:test\/)?(\w+)$/.exec(pathname);
      const send = (status: number, body: ApiResult) => {
        if (res.writableEnded || res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (!match) return send(404, { ok: false, error_code: 404, description: 'Not Found' });
      if (match[1] !== this.token) return send(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const method = match[2]!;
      let payload: Record<string, unknown> = {};
      try {
        const raw = Buffer.concat(chunks).toString('utf8');
        payload = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return send(400, { ok: false, error_code: 400, description: 'Bad Request: the fake understands JSON bodies only' });
      }
      const call: ApiCall = { method, payload, at: performance.now() };
      if (hasLoneSurrogate(payload)) {
        // As Telegram does: JSON may carry "\ud800", but such a string is not valid UTF-8 text.
        call.error = { error_code: 400, description: 'Bad Request: strings must be encoded in UTF-8' };
        this.record(call);
        return send(400, { ok: false, ...call.error });
      }
      const failure = this.failures.findIndex((f) => f.method === method);
      if (failure >= 0) {
        call.error = this.failures.splice(failure, 1)[0]!.reply;
        this.record(call);
        return send(call.error.error_code, { ok: false, ...call.error });
      }
      if (method === 'getUpdates') {
        this.record(call);
        return this.getUpdates(payload, res, (updates) => send(200, { ok: true, result: updates }));
      }
      try {
        call.result = this.invoke(method, payload);
        this.record(call);
        send(200, { ok: true, result: call.result });
      } catch (err) {
        call.error = err instanceof ApiFailure ? err.reply : { error_code: 500, description: `Internal Server Error: ${(err as Error).message}` };
        this.record(call);
        send(call.error.error_code, { ok: false, ...call.error });
      }
    });
  }

  /** GET /file/bot<token>/<file_path>: the bytes of a file a user sent, as Telegram's file server gives them. */
  private serveFile(pathname: string, res: http.ServerResponse): void {
    const match = /^\/file\/bot([^/]+)\/(.+)$/.exec(pathname);
    const call: ApiCall = { method: 'downloadFile', payload: { file_path: match?.[2] }, at: performance.now() };
    const fail = (status: number, description: string) => {
      call.error = { error_code: status, description };
      this.record(call);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: status, description }));
    };
    if (!match) {
      fail(404, 'Not Found');
      return;
    }
    if (match[1] !== this.token) {
      fail(401, 'Unauthorized');
      return;
    }
    const file = [...this.files.values()].find((f) => f.path === decodeURIComponent(match[2]!));
    if (!file?.bytes) {
      fail(404, 'Not Found: file');
      return;
    }
    call.result = { bytes: file.bytes.byteLength };
    this.record(call);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.byteLength) }).end(Buffer.from(file.bytes));
  }

  private record(call: ApiCall): void {
    this.calls.push(call);
    const ready = this.waiters.filter((w) => w.predicate(call));
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(call);
  }

  private getUpdates(payload: Record<string, unknown>, res: http.ServerResponse, respond: (updates: Update[]) => void): void {
    const offset = Number(payload.offset ?? 0);
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset); // confirmed
    const limit = Math.min(100, Math.max(1, Number(payload.limit ?? 100)));
    if (this.queue.length > 0) {
      respond(this.queue.slice(0, limit));
      return;
    }
    const poll = { limit, respond };
    this.polls.push(poll);
    const timer = setTimeout(() => this.endPoll(poll, []), Math.max(0, Number(payload.timeout ?? 0)) * 1000);
    const originalRespond = poll.respond;
    poll.respond = (updates) => {
      clearTimeout(timer);
      originalRespond(updates);
    };
    // Answered, or the client gave up (the runner stopping): forget the poll.
    res.once('close', () => {
      clearTimeout(timer);
      this.polls = this.polls.filter((p) => p !== poll);
    });
  }

  private endPoll(poll: { respond: (u: Update[]) => void }, updates: Update[]): void {
    this.polls = this.polls.filter((p) => p !== poll);
    poll.respond(updates);
  }

  private flushPolls(): void {
    while (this.polls.length > 0 && this.queue.length > 0) {
      const poll = this.polls.shift()!;
      poll.respond(this.queue.slice(0, poll.limit));
    }
  }

  private newMessageId(chatId: number): number {
    const id = (this.lastMessageId.get(chatId) ?? 0) + 1;
    this.lastMessageId.set(chatId, id);
    return id;
  }

  private store(chatId: number, message: Message): void {
    if (!this.chats.has(chatId)) this.chats.set(chatId, message.chat as FakeChat);
    let chat = this.messages.get(chatId);
    if (!chat) this.messages.set(chatId, (chat = new Map()));
    chat.set(message.message_id, message);
  }

  /** A message the bot sent, which it may edit; as in Telegram, anything else cannot be edited. */
  private botMessage(chatId: unknown, messageId: unknown): { chat: FakeChat; old: Message } {
    const chat = this.chatFor(chatId);
    const old = this.messages.get(chat.id)?.get(Number(messageId));
    if (!old || old.from?.id !== this.bot.id) throw badRequest('message to edit not found');
    return { chat, old };
  }

  private chatFor(chatId: unknown): FakeChat {
    const id = Number(chatId);
    if (!Number.isFinite(id) || id === 0) throw badRequest('chat not found');
    return this.chats.get(id) ?? (id > 0 ? { id, type: 'private', first_name: 'User' } : { id, type: 'supergroup', title: 'Group' });
  }

  private checkText(text: unknown, parseMode: unknown): string {
    if (typeof text !== 'string') throw badRequest('message text is empty');
    let plain = text;
    if (parseMode === 'HTML') {
      const parsed = parseTelegramHtml(text);
      if ('error' in parsed) throw badRequest(`can't parse entities: ${parsed.error}`);
      plain = parsed.text;
    } else if (parseMode !== undefined) {
      throw badRequest(`the fake only implements HTML parse mode, got ${String(parseMode)}`);
    }
    if (!plain.trim()) throw badRequest('message text is empty');
    if (plain.length > TELEGRAM_LIMIT) throw badRequest('message is too long');
    return plain;
  }

  private checkKeyboard(markup: unknown): InlineKeyboardMarkup | undefined {
    if (markup === undefined) return undefined;
    const rows = (markup as InlineKeyboardMarkup).inline_keyboard;
    if (!Array.isArray(rows)) throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array');
    for (const row of rows) {
      for (const button of row) {
        if (!button.text) throw badRequest('BUTTON_TEXT_EMPTY');
        if ('callback_data' in button && (Buffer.byteLength(button.callback_data) < 1 || Buffer.byteLength(button.callback_data) > 64)) throw badRequest('BUTTON_DATA_INVALID');
        if ('url' in button && !/^(https?|tg):\/\//.test(button.url)) throw badRequest('BUTTON_URL_INVALID');
      }
    }
    return markup as InlineKeyboardMarkup;
  }

  /** The Bot API methods the bot uses. */
  private invoke(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return this.bot;
      case 'deleteWebhook':
        this.webhook = undefined;
        return true;
      case 'setWebhook':
        if (typeof p.url !== 'string' || !p.url) throw badRequest('bad webhook: an HTTP URL must be provided for webhook');
        this.webhook = { url: p.url, ...(typeof p.secret_token === 'string' ? { secret_token: p.secret_token } : {}) };
        return true;
      case 'getWebhookInfo':
        return { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.queue.length };
      case 'setMyCommands': {
        const commands = p.commands as { command: string; description: string }[];
        for (const c of commands ?? []) {
          if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest('BOT_COMMAND_INVALID');
          if (!c.description || c.description.length > 256) throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
        }
        this.commands.set(String(p.language_code ?? ''), commands);
        return true;
      }
      case 'sendChatAction':
        this.chatFor(p.chat_id);
        return true;
      case 'sendMessage': {
        const chat = this.chatFor(p.chat_id);
        const text = this.checkText(p.text, p.parse_mode);
        const markup = this.checkKeyboard(p.reply_markup);
        const replyTo = (p.reply_parameters as { message_id?: number } | undefined)?.message_id;
        const replied = replyTo !== undefined ? this.messages.get(chat.id)?.get(replyTo) : undefined;
        const message = {
          message_id: this.newMessageId(chat.id),
          date: Math.floor(Date.now() / 1000),
          chat,
          from: this.bot,
          text,
          ...(markup ? { reply_markup: markup } : {}),
          ...(replied ? { reply_to_message: replied } : {}),
        } as Message.TextMessage;
        this.store(chat.id, message);
        return message;
      }
      case 'editMessageText': {
        const { chat, old } = this.botMessage(p.chat_id, p.message_id);
        const text = this.checkText(p.text, p.parse_mode);
        const markup = this.checkKeyboard(p.reply_markup);
        if (text === old.text && JSON.stringify(markup) === JSON.stringify(old.reply_markup)) {
          throw badRequest('message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
        }
        // As in Telegram, an edit without reply_markup removes the buttons.
        const { reply_markup: _, ...rest } = old as Message.TextMessage;
        const edited = { ...rest, text, edit_date: Math.floor(Date.now() / 1000), ...(markup ? { reply_markup: markup } : {}) } as Message.TextMessage;
        this.store(chat.id, edited);
        return edited;
      }
      case 'editMessageReplyMarkup': {
        const { chat, old } = this.botMessage(p.chat_id, p.message_id);
        const given = this.checkKeyboard(p.reply_markup);
        const markup = given && given.inline_keyboard.length > 0 ? given : undefined;
        if (JSON.stringify(markup) === JSON.stringify(old.reply_markup)) {
          throw badRequest('message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
        }
        const { reply_markup: _, ...rest } = old as Message.TextMessage;
        const edited = { ...rest, edit_date: Math.floor(Date.now() / 1000), ...(markup ? { reply_markup: markup } : {}) } as Message.TextMessage;
        this.store(chat.id, edited);
        return edited;
      }
      case 'getFile': {
        const file = this.files.get(String(p.file_id));
        if (!file) throw badRequest('invalid file_id');
        // The cloud Bot API serves bot downloads of up to 20 MB.
        if (file.size > 20 * 1024 * 1024) throw badRequest('file is too big');
        return { file_id: String(p.file_id), file_unique_id: `u${String(p.file_id)}`, file_size: file.size, file_path: file.path };
      }
      case 'answerCallbackQuery': {
        const id = String(p.callback_query_id);
        if (!this.openCallbacks.delete(id)) throw badRequest('query is too old and response timeout expired or query ID is invalid');
        if (typeof p.text === 'string' && p.text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
        return true;
      }
      case 'answerInlineQuery': {
        const id = String(p.inline_query_id);
        if (!this.openInlineQueries.delete(id)) throw badRequest('query is too old and response timeout expired or query ID is invalid');
        const results = (p.results ?? []) as { id: string; type: string; title?: string; input_message_content?: { message_text: string; parse_mode?: string }; reply_markup?: unknown }[];
        if (results.length > 50) throw badRequest('RESULTS_TOO_MUCH');
        const ids = new Set<string>();
        for (const r of results) {
          if (!r.id || Buffer.byteLength(r.id) > 64 || ids.has(r.id)) throw badRequest('RESULT_ID_INVALID');
          ids.add(r.id);
          if (r.type === 'article') {
            if (!r.title) throw badRequest('RESULT_TITLE_EMPTY');
            this.checkText(r.input_message_content?.message_text, r.input_message_content?.parse_mode);
          }
          this.checkKeyboard(r.reply_markup);
        }
        return true;
      }
      default:
        throw new ApiFailure({ error_code: 404, description: `Not Found: method ${method} is not implemented by the fake` });
    }
  }
}

/** True when any string in a parsed JSON value contains a lone UTF-16 surrogate. */
function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return !isWellFormedText(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value && typeof value === 'object') return Object.values(value).some(hasLoneSurrogate);
  return false;
}

let updateIdRanges = 0;
/** A fresh range of a million update ids, starting somewhere no other process is likely to be. */
function nextUpdateIdRange(): number {
  return (process.pid % 2000) * 1_000_000_000 + ++updateIdRanges * 1_000_000;
}
