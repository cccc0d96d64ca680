import { scrubSecrets } from '../text/secrets.js';

/**
 * Model output with configuration removed: the literal key and server address,
 * and anything token-shaped (scrubSecrets). The model is never given them, but a
 * compromised or echoing server could put them in a reply.
 */
export function scrubReply(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return scrubSecrets(out);
}

/**
 * For a streamed reply: also holds back an ending that could be the start of a
 * secret, so no prefix of the key is ever shown before the rest arrives.
 */
export function scrubPartialReply(text: string, secrets: readonly string[]): string {
  let out = scrubReply(text, secrets);
  for (const secret of secrets) {
    for (let n = Math.min(secret.length - 1, out.length); n >= 3; n--) {
      if (out.endsWith(secret.slice(0, n))) {
        out = out.slice(0, out.length - n);
        break;
      }
    }
  }
  // Something key-shaped still growing ("sk-abc…", "Bearer abc…") waits until scrubSecrets can recognise it.
  return out.replace(/(?:\bsk-[A-Za-z0-9_-]*|\bx(?:ox[abpr]|app)-[A-Za-z0-9-]*|\bbearer\s+[A-Za-z0-9._~+/=-]*|\b\d{6,12}:[A-Za-z0-9_-]*)$/i, '');
}
