import type { Lang } from './language.js';
import { toSimplified } from './normalize.js';

/**
 * The one helper behind every fixed reply string (engine, services, Telegram, Slack, CLI).
 * It lives in the engine because the engine writes replies too and may import nothing
 * above itself; services and adapters build their catalogs on it from here.
 */

/** Languages fixed reply strings exist in; an 'other' asker reads English. */
export type ReplyLang = 'zh-Hant' | 'zh-Hans' | 'en';

export const REPLY_LANGS: readonly ReplyLang[] = ['zh-Hant', 'zh-Hans', 'en'];

/** The reply language for a detected language: 'other' reads English; unknown reads the plan's own script. */
export function replyLang(lang: Lang | undefined): ReplyLang {
  if (lang === undefined) return 'zh-Hant';
  return lang === 'other' ? 'en' : lang;
}

/**
 * One text in the reply languages. Traditional Chinese, the plan's own script, is required;
 * a missing simplified text is converted from it, a missing English one falls back to it.
 */
export type CatalogEntry = { readonly 'zh-Hant': string; readonly 'zh-Hans'?: string; readonly en?: string };

/** `{name}` placeholders of a template literal type, as a union of names. */
type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

type EntryPlaceholders<E> = Placeholders<E[keyof E]>;

/** The values an entry's placeholders need: none, or exactly its names. */
type VarsArgs<E> = [EntryPlaceholders<E>] extends [never] ? [] : [vars: { readonly [N in EntryPlaceholders<E>]: string | number }];

/** A catalog's text function: the string for `key` in the asker's language, placeholders filled in. */
export interface Catalog<C extends Record<string, CatalogEntry>> {
  <K extends keyof C & string>(key: K, lang: Lang | undefined, ...vars: VarsArgs<C[K]>): string;
  /** The entries as written, for the checks that every text is complete and used. */
  readonly entries: C;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The `{name}`s a template uses, sorted; how the catalog checks compare languages. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

function template(entry: CatalogEntry, lang: ReplyLang): string {
  if (lang === 'zh-Hans') return entry['zh-Hans'] ?? toSimplified(entry['zh-Hant']);
  if (lang === 'en') return entry.en ?? entry['zh-Hant'];
  return entry['zh-Hant'];
}

/**
 * A typed catalog of fixed texts: `defineCatalog({ hello: { 'zh-Hant': …, 'zh-Hans': …, en: 'Hi {name}' } })`
 * returns `text('hello', lang, { name })`. Unknown keys and missing or extra placeholder values do not compile.
 */
export function defineCatalog<const C extends Record<string, CatalogEntry>>(entries: C): Catalog<C> {
  const text = (key: string, lang: Lang | undefined, vars: Readonly<Record<string, string | number>> = {}): string => {
    const entry = entries[key];
    // Only reachable past the type checker (a key built at run time); say which key, never crash a reply.
    if (!entry) return `{${key}}`;
    return template(entry, replyLang(lang)).replace(PLACEHOLDER, (_, name: string) => String(vars[name] ?? `{${name}}`));
  };
  return Object.assign(text, { entries }) as unknown as Catalog<C>;
}
