/**
 * Writes minimal PDF files by hand, so format tests need no third-party documents.
 * Text is drawn with one CID font (Identity-H) and a ToUnicode map, the way real
 * CJK PDFs carry their text layer; the font program itself is left out, which
 * text extraction does not need.
 */

function assemble(objects: string[]): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    chunks.push(obj);
    length += obj.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}

function stream(content: string, extra = ''): string {
  return `<< /Length ${Buffer.byteLength(content, 'latin1')}${extra} >>\nstream\n${content}\nendstream`;
}

function utf16Hex(ch: string): string {
  return Buffer.from(ch, 'utf16le').swap16().toString('hex').toUpperCase();
}

/**
 * A PDF whose pages show `paragraphs` of text (any Unicode), wrapped at `wrap`
 * characters a line like a real layout, `linesPerPage` lines to a page.
 */
export function textPdf(paragraphs: readonly string[], options: { wrap?: number; linesPerPage?: number } = {}): Buffer {
  const wrap = options.wrap ?? 50;
  const linesPerPage = options.linesPerPage ?? 60;
  // Each line remembers whether it starts a paragraph: paragraphs get extra space above, as in a real layout.
  const lines = paragraphs.flatMap((p) => {
    const chars = [...p];
    const out: { text: string; first: boolean }[] = [];
    // The first line is indented by two characters, so it holds two fewer.
    for (let i = 0; i < chars.length; ) {
      const width = i === 0 ? wrap - 2 : wrap;
      out.push({ text: chars.slice(i, i + width).join(''), first: i === 0 });
      i += width;
    }
    return out.length > 0 ? out : [{ text: '', first: true }];
  });
  const chars = [...new Set(lines.map((l) => l.text).join(''))];
  const cid = new Map(chars.map((c, i) => [c, i + 1]));
  const pages: { text: string; first: boolean }[][] = [];
  for (let i = 0; i < lines.length; i += linesPerPage) pages.push(lines.slice(i, i + linesPerPage));
  if (pages.length === 0) pages.push([]);

  // 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, 6 ToUnicode, then page + content pairs.
  const bfchar: string[] = [];
  for (let i = 0; i < chars.length; i += 100) {
    const block = chars.slice(i, i + 100);
    bfchar.push(`${block.length} beginbfchar\n${block.map((c) => `<${cid.get(c)!.toString(16).padStart(4, '0').toUpperCase()}> <${utf16Hex(c)}>`).join('\n')}\nendbfchar`);
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin', '12 dict begin', 'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def', '/CMapName /Adobe-Identity-UCS def', '/CMapType 2 def',
    '1 begincodespacerange', '<0000> <FFFF>', 'endcodespacerange', ...bfchar,
    'endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '', // pages, filled below
    '<< /Type /Font /Subtype /Type0 /BaseFont /PlanText /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /PlanText /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 /CIDToGIDMap /Identity >>',
    '<< /Type /FontDescriptor /FontName /PlanText /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>',
    stream(cmap),
  ];
  const kids: string[] = [];
  for (const pageLines of pages) {
    const pageNo = objects.length + 1;
    kids.push(`${pageNo} 0 R`);
    const ops = ['BT', '/F1 10 Tf', '12 TL', '40 800 Td'];
    // Text starts at x=40; a paragraph's first line is indented by two characters (Chinese convention).
    pageLines.forEach((line, i) => {
      if (line.first && i > 0) ops.push('0 -6 Td');
      const hex = [...line.text].map((c) => cid.get(c)!.toString(16).padStart(4, '0')).join('');
      ops.push(line.first ? `20 0 Td <${hex}> Tj -20 0 Td T*` : `<${hex}> Tj T*`);
    });
    ops.push('ET');
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageNo + 1} 0 R >>`);
    objects.push(stream(ops.join('\n')));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  return assemble(objects);
}

/** A "scanned" PDF: one page showing an image, with no text operators at all. */
export function imageOnlyPdf(): Buffer {
  const pixels = 'ff00ff00ff00ff00';
  return assemble([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    stream('q 500 0 0 700 40 80 cm /Im1 Do Q'),
    stream(`${pixels}>`, ' /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode'),
  ]);
}

/** One run of text placed on a page at (x, y), baseline, in points from the bottom-left. */
export interface PlacedText {
  x: number;
  y: number;
  text: string;
  size?: number;
}

/**
 * A PDF drawn the way iText and Acrobat write Chinese government documents with a
 * standard CJK font: a Type0 font with a predefined CMap (UniCNS-UCS2-H for Traditional,
 * UniGB-UCS2-H for Simplified) and a CIDFontType0 descendant (Adobe-CNS1 / Adobe-GB1)
 * with no embedded font program and no ToUnicode map. Text is Tj of UCS-2 hex strings,
 * so a reader needs the CMap files to know which characters they are.
 */
export function cjkStandardFontPdf(pages: readonly (readonly PlacedText[])[], script: 'Hant' | 'Hans'): Buffer {
  const [cmap, ordering, name] = script === 'Hant' ? ['UniCNS-UCS2-H', 'CNS1', 'MingLiU'] : ['UniGB-UCS2-H', 'GB1', 'SimSun'];
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '', // pages, filled below
    `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /${cmap} /DescendantFonts [4 0 R] >>`,
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (${ordering}) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 >>`,
    `<< /Type /FontDescriptor /FontName /${name} /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>`,
  ];
  const kids: string[] = [];
  for (const runs of pages) {
    const pageNo = objects.length + 1;
    kids.push(`${pageNo} 0 R`);
    const ops = runs.map((r) => {
      const hex = [...r.text].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase()).join('');
      return `BT /F1 ${r.size ?? 10} Tf 1 0 0 1 ${r.x} ${r.y} Tm <${hex}> Tj ET`;
    });
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageNo + 1} 0 R >>`);
    objects.push(stream(ops.join('\n')));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  return assemble(objects);
}

export interface CjkLayoutOptions {
  /** Characters per line (a paragraph's first line holds two fewer: it is indented). */
  wrap?: number;
  /** Lines per column. */
  linesPerColumn?: number;
  /** Left edges of the columns: [40] for one column, [40, 310] for two. */
  columns?: readonly number[];
  /** A running header at the top of every page, and a footer (with `{page}` for the number). */
  header?: string;
  footer?: string;
}

/**
 * Paragraphs laid out as a typesetter would: wrapped, first lines indented, a little
 * space between paragraphs, column after column, page after page. On a page in two
 * columns the runs are drawn row by row across both columns (as many layout programs
 * write them), so reading them in drawing order would glue the columns together.
 */
export function layoutCjk(paragraphs: readonly string[], options: CjkLayoutOptions = {}): PlacedText[][] {
  const wrap = options.wrap ?? 40;
  const perColumn = options.linesPerColumn ?? 45;
  const columns = options.columns ?? [40];
  const size = 10;
  const lines = paragraphs.flatMap((p) => {
    const chars = [...p];
    const out: { text: string; first: boolean }[] = [];
    for (let i = 0; i < chars.length; ) {
      const width = i === 0 ? wrap - 2 : wrap;
      out.push({ text: chars.slice(i, i + width).join(''), first: i === 0 });
      i += width;
    }
    return out;
  });
  const pages: PlacedText[][] = [];
  let at = 0;
  while (at < lines.length) {
    const cols = columns.map((x) => {
      const placed: PlacedText[] = [];
      let y = 780;
      for (let n = 0; n < perColumn && at < lines.length; n++, at++) {
        const line = lines[at]!;
        if (line.first && n > 0) y -= 6;
        placed.push({ x: line.first ? x + 2 * size : x, y, text: line.text, size });
        y -= 14;
      }
      return placed;
    });
    // Row by row across the columns.
    const runs: PlacedText[] = [];
    for (let row = 0; row < perColumn; row++) for (const col of cols) if (col[row]) runs.push(col[row]!);
    const pageNo = pages.length + 1;
    if (options.header) runs.unshift({ x: 200, y: 815, text: options.header, size: 9 });
    if (options.footer) runs.push({ x: 280, y: 30, text: options.footer.replace('{page}', String(pageNo)), size: 9 });
    pages.push(runs);
  }
  return pages;
}
