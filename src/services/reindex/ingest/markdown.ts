/**
 * Markdown to the plain text the section parser reads: markup goes, the words
 * and the section numbers stay ("## 4.2.3 **貿易**投資" → "4.2.3 貿易投資").
 */
export function markdownToText(source: string): string {
  const lines = source.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '').split(/\r?\n/);
  const out: string[] = [];
  for (const raw of lines) {
    let line = raw;
    if (/^\s*(```|~~~)/.test(line)) continue; // code fence markers (their content is kept as text)
    if (/^\s*([-*_]\s*){3,}$/.test(line)) continue; // horizontal rule
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) continue; // table separator row
    line = line
      .replace(/^\s{0,3}#{1,6}\s+/, '') // heading marks
      .replace(/\s+#+\s*$/, '')
      .replace(/^\s*>\s?/, '') // block quotes
      .replace(/^\s*[-*+]\s+/, '') // bullets (numbered items keep their numbers)
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images → alt text
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links → their text
      .replace(/<[^>]+>/g, '') // inline HTML
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?!\s)(.+?)\*(?!\w)/g, '$1$2')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
    if (/^\s*\|.*\|\s*$/.test(line)) line = line.trim().slice(1, -1).split('|').map((c) => c.trim()).join(' ');
    out.push(line);
  }
  return out.join('\n');
}
