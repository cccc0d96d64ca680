import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * Hostile documents for the tests (test/e2e/hostile/) and `npm run bench`,
 * generated when needed (never committed): Word files whose XML inflates to
 * hundreds of megabytes, built by streaming the XML through deflate a megabyte
 * at a time, so making a 1 GB bomb costs a second or two and a few megabytes.
 */

interface ZipPart {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
  /** The size written into the central directory (a lying archive states less). */
  declaredSize?: number;
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOC_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOC_TAIL = '</w:body></w:document>';

function smallPart(name: string, text: string): ZipPart {
  const raw = Buffer.from(text);
  return { name, data: deflateRawSync(raw), crc: crc32(raw), size: raw.length };
}

/** Deflates head + the chunks + tail as a stream: the whole is never in memory. */
async function streamedPart(name: string, head: string, chunks: Iterable<Buffer>, tail: string, strategy: number): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level: 9, strategy });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const feed = async (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  await feed(Buffer.from(head));
  for (const chunk of chunks) await feed(chunk);
  await feed(Buffer.from(tail));
  deflate.end();
  await done;
  return { name, data: Buffer.concat(out), crc, size };
}

/** A ZIP archive written by hand (stored names, deflated data, no ZIP64). */
function zip(parts: readonly ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.declaredSize ?? p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(p.crc >>> 0, 16);
    entry.writeUInt32LE(p.data.length, 20);
    entry.writeUInt32LE(p.declaredSize ?? p.size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, name, p.data);
    directory.push(entry, name);
    offset += local.length + name.length + p.data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dir, end]);
}

const MB = 1024 * 1024;

/** `runs`: the XML is one long run of a character, which run-length matching packs fastest. */
async function wordFile(chunks: Iterable<Buffer>, options: { lie?: boolean; runs?: boolean } = {}): Promise<Buffer> {
  const strategy = options.runs ? constants.Z_RLE : constants.Z_DEFAULT_STRATEGY;
  const document = await streamedPart('word/document.xml', DOC_HEAD, chunks, DOC_TAIL, strategy);
  if (options.lie) document.declaredSize = 40_000;
  return zip([smallPart('[Content_Types].xml', CONTENT_TYPES), smallPart('_rels/.rels', RELS), document]);
}

function* repeated(chunk: Buffer, times: number): Iterable<Buffer> {
  for (let i = 0; i < times; i++) yield chunk;
}

const PARAGRAPH = (n: number | string) => `<w:p><w:r><w:t>瀾湄合作五年行動計畫 ${n} 貿易投資便利化</w:t></w:r></w:p>`;

/** A small .docx whose document.xml inflates to about `mb` MB of real paragraphs (issue 15: 309 KB → 100 MB). */
export function paragraphBomb(mb = 100, options: { lie?: boolean } = {}): Promise<Buffer> {
  const chunk = Buffer.from(PARAGRAPH('4.2.3').repeat(Math.ceil(MB / Buffer.byteLength(PARAGRAPH('4.2.3')))));
  return wordFile(repeated(chunk, Math.ceil((mb * MB) / chunk.length)), options);
}

/**
 * About `mb` MB of numbered paragraphs, each different, so the file packs like
 * a real document (about 10 to 1) and passes the ratio check: only the size
 * limits or the worker's heap cap can stop it.
 */
export function numberedParagraphs(mb: number): Promise<Buffer> {
  function* chunks(): Iterable<Buffer> {
    let n = 0;
    for (let size = 0; size < mb * MB; ) {
      const parts: string[] = [];
      for (let i = 0; i < 2000; i++) parts.push(PARAGRAPH(`${++n}.${(n * 7919) % 104729}`));
      const chunk = Buffer.from(parts.join(''));
      size += chunk.length;
      yield chunk;
    }
  }
  return wordFile(chunks());
}

/** A small, real document whose picture (word/media, not XML) unpacks to `mb` MB of zeros. */
export async function mediaBomb(mb = 200): Promise<Buffer> {
  const document = await streamedPart('word/document.xml', DOC_HEAD, [Buffer.from(PARAGRAPH('4.2.3'))], DOC_TAIL, constants.Z_DEFAULT_STRATEGY);
  const picture = await streamedPart('word/media/image1.png', '', repeated(Buffer.alloc(MB), mb), '', constants.Z_RLE);
  return zip([smallPart('[Content_Types].xml', CONTENT_TYPES), smallPart('_rels/.rels', RELS), document, picture]);
}

/** A .docx of about 1 MB whose XML is about `mb` MB of spaces (issue 15: 1 GB). */
export function spaceBomb(mb = 1024): Promise<Buffer> {
  return wordFile(repeated(Buffer.alloc(MB, ' '), mb), { runs: true });
}

/** A plain-text plan of about `mb` MB: the plan's text repeated with fresh section numbers. */
export function hugeText(planText: string, mb = 15): Buffer {
  const blocks: string[] = [];
  let size = 0;
  for (let n = 1; size < mb * MB; n++) {
    const block = `第${n}部分\n${planText}\n`;
    blocks.push(block);
    size += Buffer.byteLength(block);
  }
  return Buffer.from(blocks.join(''));
}
