import { scrubSecrets } from '../../engine/text/secrets.js';
import { IndexBusyError } from '../../engine/index/lock.js';
import { DocumentRejectedError } from './ingest/rejection.js';
import { ReindexError } from './types.js';

/**
 * The reply text for an error from this service: the message of errors meant
 * for the admin (rejected document, busy, stale preview…), a generic line with
 * the cause for anything unexpected. Secrets are scrubbed either way.
 */
export function reindexErrorMessage(err: unknown): string {
  if (err instanceof DocumentRejectedError) return `The document was not used: ${err.message} The index in service is unchanged.`;
  if (err instanceof IndexBusyError || err instanceof ReindexError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `The re-index failed (${scrubSecrets(message)}). The version in service is unchanged.`;
}
