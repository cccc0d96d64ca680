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
