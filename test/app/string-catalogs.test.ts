import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { placeholdersOf, REPLY_LANGS, type CatalogEntry } from '../../src/engine/text/i18n.js';
import { toSimplified } from '../../src/engine/text/normalize.js';

/**
 * Every catalog built with defineCatalog anywhere in src/: each text complete in the three
 * reply languages with the same placeholders, and each key used by code that imports it.
 */
const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

/** Relative imports of a file, as absolute .ts paths. */
function importsOf(file: { path: string; text: string }): Set<string> {
  const specs = [...file.text.matchAll(/from '(\.[^']+)'/g)].map((m) => m[1]!);
  return new Set(specs.map((s) => resolve(dirname(file.path), s.replace(/\.js$/, '.ts'))));
}

/** The file without the catalog texts themselves, so a text that reads like a key does not count as a use of it. */
function withoutCatalogTexts(text: string): string {
  return text.replace(/(?:'zh-Hant'|'zh-Hans'|en):\s*(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/g, '');
}

const catalogFiles = files.filter((f) => /=\s*defineCatalog\(\{/.test(f.text));

interface FoundCatalog {
  name: string;
  file: string;
  entries: Record<string, CatalogEntry>;
}

async function catalogs(): Promise<FoundCatalog[]> {
  const found: FoundCatalog[] = [];
  for (const file of catalogFiles) {
    const module = (await import(pathToFileURL(file.path).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function' && 'entries' in value) found.push({ name, file: file.path, entries: value.entries as Record<string, CatalogEntry> });
    }
  }
  return found;
}

const found = await catalogs();
const where = (c: FoundCatalog) => `${c.name} (${relative(SRC, c.file)})`;

describe('the string catalogs', () => {
  it('are found: every module that defines one exports it, so the checks below see it', () => {
    expect(new Set(found.map((c) => c.file))).toEqual(new Set(catalogFiles.map((f) => f.path)));
    expect(found.map((c) => relative(SRC, c.file))).toContain('engine/answer/strings.ts');
  });

  it.each(found.map((c) => [where(c), c] as const))('%s: every text is in zh-Hant, zh-Hans and en with the same placeholders', (_, catalog) => {
    for (const [key, entry] of Object.entries(catalog.entries)) {
      const texts = REPLY_LANGS.map((lang) => entry[lang]);
      expect(texts.every((t) => typeof t === 'string' && t.trim() !== ''), `${key} lacks a language`).toBe(true);
      const [hant, hans, en] = texts as [string, string, string];
      expect(placeholdersOf(hans), `${key}: zh-Hans placeholders`).toEqual(placeholdersOf(hant));
      expect(placeholdersOf(en), `${key}: en placeholders`).toEqual(placeholdersOf(hant));
      expect(toSimplified(hans), `${key}: zh-Hans written in simplified characters`).toBe(hans);
    }
  });

  it.each(found.map((c) => [where(c), c] as const))('%s: every key is used by the code that imports the catalog', (_, catalog) => {
    const users = files.filter((f) => f.path === catalog.file || importsOf(f).has(catalog.file)).map((f) => withoutCatalogTexts(f.text));
    const unused = Object.keys(catalog.entries).filter((key) => !users.some((text) => text.includes(`'${key}'`) || text.includes(`"${key}"`)));
    expect(unused).toEqual([]);
  });
});
