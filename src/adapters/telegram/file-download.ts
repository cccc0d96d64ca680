import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Api } from 'grammy';
import { scrubSecrets } from '../../engine/text/secrets.js';

const TELEGRAM_API_ROOT = 'https://api.telegram.org';

/** A download that went wrong; the message names the problem, never the token. */
export class DownloadError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/**
 * The bytes of a file a user sent: getFile for its path, then a GET of
 * `${apiRoot}/file/bot<token>/<file_path>`, read no further than `maxBytes`
 * (the announced size is checked before this is called; this guards against a
 * file without one). A self-hosted Bot API server in --local mode gives an
 * absolute path on its own disk instead, which is read directly.
 */
export async function downloadTelegramFile(api: Api, fileId: string, options: { token: string; apiRoot?: string; maxBytes: number; signal?: AbortSignal }): Promise<Uint8Array> {
  const apiRoot = options.apiRoot ?? TELEGRAM_API_ROOT;
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new DownloadError('Telegram gave no path for the file');
  if (file.file_size !== undefined && file.file_size > options.maxBytes) throw new DownloadError('the file is larger than allowed', true);
  if (path.isAbsolute(file.file_path) && apiRoot !== TELEGRAM_API_ROOT) {
    const bytes = await readFile(file.file_path);
    if (bytes.byteLength > options.maxBytes) throw new DownloadError('the file is larger than allowed', true);
    return new Uint8Array(bytes);
  }
  const url = `${apiRoot}/file/bot${options.token}/${file.file_path.split('/').map(encodeURIComponent).join('/')}`;
  let response: Response;
  try {
    response = await fetch(url, options.signal ? { signal: options.signal } : {});
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    throw new DownloadError(scrubSecrets(cause ?? (err instanceof Error ? err.message : String(err))));
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw new DownloadError(`Telegram's file server answered ${response.status}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > options.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new DownloadError('the file is larger than allowed', true);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
