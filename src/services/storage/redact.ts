/**
 * A database URL fit for a log line or an error message: the password replaced by `***`
 * (also a `password=` query parameter). Text that is not a URL is returned with anything
 * after `://user:` up to `@` masked, so a malformed URL cannot leak either.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString().replace('%2A%2A%2A', '***');
  } catch {
    return url.replace(/(:\/\/[^:/@\s]*:)[^@\s]*@/, '$1***@');
  }
}

/** Masks every occurrence of `secret` (a password taken from the URL) in a message. */
export function redactSecret(message: string, secret: string | undefined): string {
  return secret ? message.split(secret).join('***') : message;
}
