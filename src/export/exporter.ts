// Writes organizations to a file as they arrive, so an export holds one page at a time however
// many there are. The rows go to a temp file beside the target (same folder, so the rename stays
// on one file system and is atomic); only a finished export is renamed onto the chosen name.
// Cancel or an error removes the temp file: the folder is left as it was. No vscode import.
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import type { Organization } from '../api/records';
import { cellText, rowObject, type Column } from './columns';
import { CSV_BOM, csvRecord } from './csv';
import { jsonLine } from './jsonl';

export type ExportFormat = 'csv' | 'jsonl';

export interface ExportOptions {
  readonly format: ExportFormat;
  readonly columns: readonly Column[];
  /** Absolute path of the file to create or replace. */
  readonly target: string;
  readonly signal?: AbortSignal;
  /** Called with the number of organizations written so far (every `progressEvery`, and at the end). */
  readonly onProgress?: (count: number) => void;
  readonly progressEvery?: number;
}

export interface ExportResult {
  readonly count: number;
  readonly target: string;
}

/** Bytes gathered before one write: few system calls, a small bounded buffer. */
const FLUSH_AT = 64 * 1024;

/** Streams `source` into `options.target`; resolves once the file is in place. */
export async function exportOrganizations(source: AsyncIterable<Organization>, options: ExportOptions): Promise<ExportResult> {
  const { signal, columns, format } = options;
  signal?.throwIfAborted();
  const temp = tempPathFor(options.target);
  const file = await fs.open(temp, 'wx');
  let closed = false;
  let count = 0;
  try {
    // Lines gathered for one write; joined once instead of concatenated row by row.
    let lines: string[] = format === 'csv' ? [CSV_BOM + csvRecord(columns.map((c) => c.name))] : [];
    let size = 0;
    const every = Math.max(1, options.progressEvery ?? 250);
    for await (const org of source) {
      signal?.throwIfAborted();
      const line = format === 'csv' ? csvRecord(columns.map((c) => cellText(c.value(org)))) : jsonLine(rowObject(columns, org));
      lines.push(line);
      size += line.length;
      count++;
      if (size >= FLUSH_AT) {
        await file.write(lines.join(''));
        lines = [];
        size = 0;
      }
      if (count % every === 0) options.onProgress?.(count);
    }
    signal?.throwIfAborted();
    await file.write(lines.join(''));
    await file.close();
    closed = true;
    signal?.throwIfAborted();
    await fs.rename(temp, options.target);
    options.onProgress?.(count);
    return { count, target: options.target };
  } catch (e) {
    if (!closed) await file.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw e;
  }
}

/** A hidden, unique name in the target's folder. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
}
