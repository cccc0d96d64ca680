import { inflateRawSync } from 'node:zlib';

/** One file in a ZIP archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused by the reader of the archive. */
  method: number;
  compressedSize: number;
  /** As declared: a hostile archive may lie, so `inflatedSize` checks it where it matters. */
  uncompressedSize: number;
  localHeaderOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

/**
 * The entries of a ZIP archive, read from its central directory without
 * inflating anything, so the sizes can be checked before a parser unpacks the
 * file. Returns undefined when the archive has no readable directory (damaged)
 * or uses ZIP64 (never needed by a Word document of a few megabytes).
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes plus a comment of up to 64 KB.
  const searchFrom = Math.max(0, buf.length - 22 - 0xffff);
  let end = -1;
  for (let i = buf.length - 22; i >= searchFrom; i--) {
    if (buf.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const offset = buf.readUInt32LE(end + 16);
  if (offset === ZIP64_MARK || size === ZIP64_MARK || count === 0xffff || offset + size > end) return undefined;
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== DIRECTORY_ENTRY) return undefined;
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      uncompressedSize: buf.readUInt32LE(at + 24),
      localHeaderOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.compressedSize === ZIP64_MARK || entry.uncompressedSize === ZIP64_MARK || entry.localHeaderOffset === ZIP64_MARK) return undefined;
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The real unpacked size of an entry, inflating at most `limit + 1` bytes: a
 * directory that understates a size is caught without unpacking the bomb.
 * Returns `limit + 1` when the entry is larger than `limit`, undefined when the
 * data cannot be inflated.
 */
export function inflatedSize(bytes: Uint8Array, entry: ZipEntry, limit: number): number | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL_HEADER) return undefined;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Math.min(data.length, limit + 1);
  if (entry.method !== 8) return undefined;
  try {
    return inflateRawSync(data, { maxOutputLength: limit + 1 }).length;
  } catch (err) {
    // Node stops with ERR_BUFFER_TOO_LARGE once the output would pass maxOutputLength.
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return limit + 1;
    return undefined;
  }
}
