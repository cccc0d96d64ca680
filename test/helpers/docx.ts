import JSZip from 'jszip';

/**
 * A minimal Word document (OOXML) with one paragraph per entry, built with
 * jszip (mammoth's own zip library). A paragraph's first word is put in its own
 * bold run, as Word does with a formatted heading number, so the reader has to
 * join runs back together.
 */
export async function docxFile(paragraphs: readonly string[]): Promise<Buffer> {
  const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = paragraphs
    .map((p) => {
      const cut = p.indexOf(' ');
      const [head, tail] = cut > 0 ? [p.slice(0, cut), p.slice(cut)] : ['', p];
      const runs = [head ? `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${escapeXml(head)}</w:t></w:r>` : '', `<w:r><w:t xml:space="preserve">${escapeXml(tail)}</w:t></w:r>`];
      return `<w:p>${runs.join('')}</w:p>`;
    })
    .join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
