import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CedictIndexParts } from './cedict-parts.js';
import { StringTable } from './string-table.js';
import { stopwordList } from './stopwords.js';

/**
 * A cache file for the English → Chinese gloss index, so only the first process
 * after an install pays for building it (about a second and some 50 MB of
 * transient memory); later ones read about 4 MB of typed arrays in milliseconds.
 * Its name is a hash of the data file (path, size, time) and of the glossing rules
 * (version, stopwords), so a refreshed dictionary or new rules never meet an old
 * cache. Any problem reading or writing it just means building from the data.
 */
const MAGIC = 'PBCEDIC1';
const HEADER_WORDS = 6;

function cacheFile(dataFile: string, rulesVersion: number, cacheDir: string = os.tmpdir()): string {
  const stat = statSync(dataFile);
  const key = createHash('sha256')
    .update(JSON.stringify([realpathSync(dataFile), stat.size, stat.mtimeMs, rulesVersion, stopwordList().join(' ')]))
    .digest('hex')
    .slice(0, 16);
  return path.join(cacheDir, 'planbot-cache', `cedict-${key}.bin`);
}

/** The cached parts for this data file and rules, or undefined (missing, stale or damaged: build instead). */
export function loadCachedIndex(dataFile: string, rulesVersion: number, cacheDir?: string | null): { parts: CedictIndexParts; ms: number } | undefined {
  if (cacheDir === null) return undefined;
  const started = performance.now();
  try {
    const raw = readFileSync(cacheFile(dataFile, rulesVersion, cacheDir));
    // Typed-array views need 4-byte alignment: copy into a fresh buffer if the read one is not aligned.
    const buf = raw.byteOffset % 4 === 0 ? raw : Buffer.from(raw);
    return { parts: decode(buf), ms: Math.round(performance.now() - started) };
  } catch {
    return undefined;
  }
}

/** Writes the cache file (through a rename, so a reader never sees half of one). Failures are ignored. */
export function saveCachedIndex(dataFile: string, rulesVersion: number, parts: CedictIndexParts, cacheDir?: string | null): void {
  if (cacheDir === null) return;
  try {
    const file = cacheFile(dataFile, rulesVersion, cacheDir);
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, encode(parts));
    renameSync(tmp, file);
  } catch {
    // A read-only or full temp folder: the next process builds again.
  }
}

/** Layout: magic, six u32 counts/lengths, headwords, keys (UTF-8, \n-joined), then the arrays, each 4-byte aligned. */
export function encode(parts: CedictIndexParts): Buffer {
  // The file keeps headwords and keys '\n'-joined (no '\n' after the last one).
  const heads = Buffer.from(parts.headwords.text.slice(0, -1), 'utf8');
  const keyText = Buffer.from(parts.keys.text.slice(0, -1), 'utf8');
  const offsets = parts.keyStart;
  const postings = parts.postings;
  const header = new Uint32Array([parts.headwords.size, parts.glossHead.length, parts.keys.size, postings.length, heads.length, keyText.length]);
  const chunks = [Buffer.from(MAGIC, 'latin1'), u8(header), heads, keyText, u8(parts.glossCount), u8(parts.glossHead), u8(parts.glossLength), u8(offsets), u8(postings)];
  const out: Buffer[] = [];
  let size = 0;
  for (const chunk of chunks) {
    out.push(chunk);
    size += chunk.length;
    const pad = (4 - (size % 4)) % 4;
    if (pad) {
      out.push(Buffer.alloc(pad));
      size += pad;
    }
  }
  return Buffer.concat(out, size);
}

export function decode(buf: Buffer): CedictIndexParts {
  if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a PlanBot CC-CEDICT cache');
  let at = MAGIC.length;
  const header = new Uint32Array(buf.buffer, buf.byteOffset + at, HEADER_WORDS);
  const [heads, glosses, keyCount, total, headBytes, keyBytes] = [...header] as [number, number, number, number, number, number];
  at = align(at + HEADER_WORDS * 4);
  const text = (bytes: number): string => {
    const s = buf.toString('utf8', at, at + bytes);
    at = align(at + bytes);
    return s;
  };
  const view = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, bytesPer: number): T => {
    if (at + length * bytesPer > buf.length) throw new Error('cache file is truncated');
    const v = make(buf.buffer, buf.byteOffset + at, length);
    at = align(at + length * bytesPer);
    return v;
  };
  // A header that does not match the text makes StringTable throw.
  const headwords = new StringTable(headBytes > 0 ? `${text(headBytes)}\n` : '', heads);
  const keys = new StringTable(keyBytes > 0 ? `${text(keyBytes)}\n` : '', keyCount);
  const glossCount = view((b, o, l) => new Uint16Array(b, o, l), heads, 2);
  const glossHead = view((b, o, l) => new Int32Array(b, o, l), glosses, 4);
  const glossLength = view((b, o, l) => new Uint8Array(b, o, l), glosses, 1);
  const keyStart = view((b, o, l) => new Uint32Array(b, o, l), keyCount + 1, 4);
  const postings = view((b, o, l) => new Int32Array(b, o, l), total, 4);
  return { headwords, glossCount, glossHead, glossLength, keys, keyStart, postings };
}

function u8(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function align(n: number): number {
  return (n + 3) & ~3;
}
