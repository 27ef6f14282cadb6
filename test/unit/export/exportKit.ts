// Shared by the export suites (unit and in-host): reading back what an export wrote.

/** A minimal RFC 4180 reader: what a spreadsheet does with the bytes we write. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** The rows of a CSV export file's text, after checking it starts with the UTF-8 BOM. */
export function parseCsvFile(text: string): string[][] {
  if (!text.startsWith('\uFEFF')) throw new Error('CSV export has no UTF-8 BOM');
  return parseCsv(text.slice(1));
}
