/**
 * A small RFC 4180 CSV reader and writer. No CSV library is installed, and the format
 * needs only this: fields separated by commas, records by CRLF (LF and CR accepted on
 * input), fields with commas, quotes or line breaks wrapped in double quotes with inner
 * quotes doubled. A UTF-8 byte-order mark (Excel writes one) is skipped on input and
 * written on output, so spreadsheet programs read Chinese text correctly.
 */

export class CsvError extends Error {
  constructor(
    message: string,
    /** 1-based record number, as a spreadsheet numbers rows (the header is row 1). */
    readonly row: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export const BOM = '\uFEFF';

/** Every record of `text` as an array of fields. Throws CsvError on a malformed quote. */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  // A field is "quoted" only when the quote is its first character.
  let atFieldStart = true;
  const endField = () => {
    row.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < input.length) {
    const ch = input[i]!;
    if (atFieldStart && ch === '"') {
      const startRow = rows.length + 1;
      i++;
      while (true) {
        if (i >= input.length) throw new CsvError(`Row ${startRow}: a quoted field is not closed (a " is missing).`, startRow);
        const c = input[i]!;
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      atFieldStart = false;
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvError(`Row ${startRow}: unexpected text after a closing quote (write a quote inside a quoted field as "").`, startRow);
      }
      continue;
    }
    atFieldStart = false;
    if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
    } else {
      // A stray quote inside an unquoted field is kept as a character (lenient, as spreadsheets are).
      field += ch;
      i++;
    }
  }
  // The last record needs no line break after it.
  if (field !== '' || row.length > 0 || !atFieldStart) endRow();
  return rows;
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records as CSV text, CRLF line ends, with a byte-order mark unless `bom: false`. */
export function writeCsv(rows: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((r) => r.map(quoteField).join(',')).join('\r\n');
  return `${options.bom === false ? '' : BOM}${body}\r\n`;
}
