// JSON Lines (https://jsonlines.org): one JSON object per line, UTF-8, LF. JSON.stringify escapes
// line breaks inside strings, so a record never spans lines. No vscode import.

export const JSONL_EOL = '\n';

/** One record, with its line break. */
export function jsonLine(record: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(record) + JSONL_EOL;
}
