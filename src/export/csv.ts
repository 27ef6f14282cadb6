// CSV as RFC 4180 says (comma, CRLF between records, quotes doubled inside quoted fields), with a
// UTF-8 byte order mark so spreadsheet programs read accents and CJK names right, and cells that a
// spreadsheet would run as a formula neutralised. No vscode import.

/** Written once at the start of the file: Excel reads the file as UTF-8 only with it. */
export const CSV_BOM = '\uFEFF';

/** RFC 4180 separates records with CRLF. */
export const CSV_EOL = '\r\n';

/**
 * Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"): a name
 * like `=HYPERLINK(...)` typed into Pipedrive must not run when the export is opened.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet would evaluate gets a leading apostrophe, which shows it as plain text. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One field: quoted when it holds a comma, a quote, CR or LF (or starts/ends with a space). A
 * number is data, not a formula, so -5 stays -5; text is neutralised.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = neutraliseFormula(value);
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record, with its line break. */
export function csvRecord(cells: readonly (string | number)[]): string {
  return cells.map(csvField).join(',') + CSV_EOL;
}
