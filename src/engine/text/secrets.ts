/** Masks anything token-shaped in free text (error messages from HTTP clients may echo them). */
export function scrubSecrets(text: string): string {
  return text
    .replace(/\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/g, '[redacted-telegram-token]')
    .replace(/\bx(?:ox[abpr]|app)-[A-Za-z0-9-]{10,}\b/g, '[redacted-slack-token]')
    .replace(/\bsk-[A-Za-z0-9_-]{16,}\b/g, '[redacted-api-key]')
    .replace(/(bearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi, '$1[redacted]')
    // The password in a URL such as DATABASE_URL (postgres://user:password@host/db).
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]+@/gi, '$1***@');
}
