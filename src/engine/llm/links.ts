/**
 * Links in a model reply that the plan does not contain are written so no client
 * makes them live: Telegram, Slack and terminals turn `https://x.example/…`,
 * `www.x.example` and even a bare `x.example` into links. The scheme is dropped and
 * the dots of the host are bracketed ("x[.]example/path"), the usual way to show an
 * address without inviting a click. A Markdown link keeps only its label. Addresses
 * found verbatim in the sections the model was given stay as they are.
 */

const MARKDOWN_LINK = /\[([^\]\n]{1,200})\]\(\s*<?([^()\s>]{1,2000})>?\s*\)/g;
/** scheme://…, mailto:, tg:, and www.… */
const URL_LIKE = /\b(?:[a-z][a-z0-9+.-]{1,20}:\/\/|mailto:|tg:|www\.)[^\s<>"'「」『』（）()\]]+/gi;
/** host.tld (letters in the last label, 2–24 of them), optionally with a path. */
const BARE_HOST = /\b(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.)+[a-z]{2,24}\b(?:\/[^\s<>"'「」『』（）()\]]*)?/gi;

export function defangLinks(text: string, allowedTexts: readonly string[]): string {
  const allowed = (link: string) => allowedTexts.some((t) => t.includes(link));
  return text
    .replace(MARKDOWN_LINK, (whole, label: string, url: string) => (allowed(url) ? whole : label))
    .replace(URL_LIKE, (url) => (allowed(url) ? url : defang(url.replace(/^[a-z][a-z0-9+.-]*:(?:\/\/)?/i, ''))))
    .replace(BARE_HOST, (host) => (allowed(host) ? host : defang(host)));
}

function defang(address: string): string {
  const slash = address.indexOf('/');
  const host = slash < 0 ? address : address.slice(0, slash);
  return host.replace(/\./g, '[.]') + (slash < 0 ? '' : address.slice(slash));
}
