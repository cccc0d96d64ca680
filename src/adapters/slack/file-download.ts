import type { webApi } from '@slack/bolt';
import { DocumentRejectedError } from '../../services/reindex/ingest/rejection.js';

/** A file as Slack describes it in a `file_share` message event (only the fields PlanBot reads). */
export interface SharedFile {
  id: string;
  /** Slack sends null for a file without a name or title. */
  name?: string | null;
  title?: string | null;
  /** Bytes, as announced by Slack. */
  size?: number;
  mimetype?: string;
  filetype?: string;
  url_private?: string;
  url_private_download?: string;
}

/** Why a file could not be fetched; the message is safe to show (it never contains the token). */
export class FileDownloadError extends Error {
  override name = 'FileDownloadError';
}

export interface DownloadOptions {
  /** The bot token: Slack serves private files only with it. */
  token: string;
  /** Refuse (and stop reading) beyond this many bytes. */
  maxBytes: number;
  /** SLACK_API_URL, whose host is trusted with the token too (the tests' fake Slack). */
  apiUrl?: string;
  /** Asked for the download link when the event did not carry one. */
  client?: webApi.WebClient;
  timeoutMs?: number;
}

/**
 * Downloads a shared file with the bot token. The token is sent only to Slack
 * (https://*.slack.com, or the host of SLACK_API_URL), never to a link pointing
 * elsewhere; the body is read up to `maxBytes` and no further.
 */
export async function downloadSlackFile(file: SharedFile, options: DownloadOptions): Promise<Uint8Array> {
  let link = file.url_private_download ?? file.url_private;
  if (!link && options.client) {
    const info = await options.client.files.info({ file: file.id });
    link = info.file?.url_private_download ?? info.file?.url_private;
  }
  if (!link) throw new FileDownloadError('Slack gave no download link for the file');
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new FileDownloadError('the download link is not a valid URL');
  }
  if (!trusted(url, options.apiUrl)) throw new FileDownloadError(`the download link points to ${url.host}, not to Slack`);

  const response = await fetch(url, { headers: { authorization: `Bearer ${options.token}` }, signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) }).catch((err: unknown) => {
    throw new FileDownloadError(err instanceof Error && err.name === 'TimeoutError' ? 'the download timed out' : 'Slack could not be reached');
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new FileDownloadError(`Slack answered HTTP ${response.status}`);
  }
  if (response.headers.get('content-type')?.includes('text/html')) {
    // Slack answers a request it does not accept with its sign-in page.
    await response.body?.cancel();
    throw new FileDownloadError('Slack sent a web page instead of the file; check that the app has the files:read scope');
  }
  const announced = Number(response.headers.get('content-length') ?? NaN);
  if (announced > options.maxBytes) {
    await response.body?.cancel();
    tooLarge(announced, options.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.byteLength;
    // Slack announced a smaller file (or nothing): stop here all the same.
    if (total > options.maxBytes) tooLarge(undefined, options.maxBytes);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** The same rejection the re-index service gives, before a byte more is read (`bytes` undefined: size unknown, but too much). */
export function tooLarge(bytes: number | undefined, maxBytes: number): never {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  const size = bytes === undefined || mb(bytes) === mb(maxBytes) ? `more than ${mb(maxBytes)}` : mb(bytes);
  throw new DocumentRejectedError('too-large', `The file is ${size} MB; documents are limited to ${mb(maxBytes)} MB (MAX_DOCUMENT_MB).`);
}

function trusted(url: URL, apiUrl: string | undefined): boolean {
  if (url.protocol === 'https:' && (url.hostname === 'slack.com' || url.hostname.endsWith('.slack.com'))) return true;
  if (!apiUrl) return false;
  try {
    return new URL(apiUrl).origin === url.origin;
  } catch {
    return false;
  }
}
