/**
 * Lone UTF-16 surrogates (half of an emoji pair, cut by a client or a bad decoder)
 * are not valid Unicode: Telegram rejects a message containing one ("strings must
 * be encoded in UTF-8") and other systems mangle them. Text is made well-formed once
 * at the edges, incoming and outgoing: each lone surrogate becomes U+FFFD (what
 * String.prototype.toWellFormed does in newer runtimes).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function isWellFormedText(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return !LONE_SURROGATE.test(text);
}

export function wellFormed(text: string): string {
  return isWellFormedText(text) ? text : text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * A copy of a JSON-like value (plain objects, arrays, strings) with every string
 * made well-formed; anything else (numbers, files, class instances) passes as is.
 * Returns the value itself when nothing needed fixing.
 */
export function wellFormedDeep<T>(value: T): T {
  if (typeof value === 'string') return wellFormed(value) as T;
  if (Array.isArray(value)) {
    const fixed = value.map((v: unknown) => wellFormedDeep(v));
    return (fixed.some((v, i) => v !== value[i]) ? fixed : value) as T;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = wellFormedDeep(v);
      if (out[k] !== v) changed = true;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

/** Makes every string of a JSON-like value well-formed in place (an incoming update or request body). */
export function makeWellFormedInPlace(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (typeof v === 'string') value[i] = wellFormed(v);
      else makeWellFormedInPlace(v);
    });
  } else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === 'string') obj[k] = wellFormed(v);
      else makeWellFormedInPlace(v);
    }
  }
}
