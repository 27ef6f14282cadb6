// The index on disk, one file per account under the extension's global storage: what saves a full
// walk (200 list calls for 100,000 organizations) at every start. Written atomically (a temp file
// renamed over the old one), so a crash mid-write leaves the previous file; a file that is corrupt,
// of another account or of another format version is dropped with one log line and never throws.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { asId } from '../../api/coerce';
import { fromTuple, toTuple, type CompactOrganization } from './CompactOrganization';
import type { IndexContents } from './OrganizationIndex';

/** Bump when the layout changes: an older file is then dropped and walked again. */
export const INDEX_FORMAT_VERSION = 1;

/** Who the index belongs to: the same user of the same company on the same server. */
export interface IndexAccount {
  readonly baseUrl: string;
  readonly companyId: number;
  readonly userId: number;
}

/** What a file holds besides the records. */
export interface IndexFileData {
  /** Where the next recents catch-up starts (UTC `YYYY-MM-DD HH:MM:SS`); undefined = walk. */
  readonly watermark: string | undefined;
  /** When it was written (ms since the epoch). */
  readonly savedAt: number;
  readonly contents: IndexContents;
}

interface FileBody {
  format: number;
  account: string;
  savedAt: number;
  watermark: string | null;
  owners: [number, string][];
  orgs: unknown[];
}

/** A hash of the account: the file name holds no URL or id, and a file copied across accounts is recognised. */
export function accountHash(account: IndexAccount): string {
  const base = account.baseUrl.trim().replace(/\/+$/, '').toLowerCase();
  return createHash('sha256').update(`${base}\n${account.companyId}\n${account.userId}`).digest('hex');
}

export class IndexFile {
  readonly path: string;
  private readonly account: string;
  private writes = 0;

  /**
   * @param dir the extension's globalStorageUri.fsPath (created when missing)
   * @param log one line per problem (the output channel)
   */
  constructor(readonly dir: string, account: IndexAccount, private readonly log: (line: string) => void) {
    this.account = accountHash(account);
    this.path = path.join(dir, `orgIndex-${this.account.slice(0, 32)}.json`);
  }

  /** The stored index, or undefined when there is none or it cannot be used (then it is deleted). */
  async load(): Promise<IndexFileData | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`Organization index: cannot read ${this.path} (${(e as Error).message}); building it again.`);
      return undefined;
    }
    const problem = (reason: string): undefined => {
      this.log(`Organization index: dropped ${path.basename(this.path)} (${reason}); walking the organizations again.`);
      void fs.rm(this.path, { force: true }).catch(() => undefined);
      return undefined;
    };
    let body: FileBody;
    try {
      body = JSON.parse(text) as FileBody;
    } catch {
      return problem('not valid JSON');
    }
    if (typeof body !== 'object' || body === null) return problem('not an index file');
    if (body.format !== INDEX_FORMAT_VERSION) return problem(`format ${String(body.format)}, this version reads ${INDEX_FORMAT_VERSION}`);
    if (body.account !== this.account) return problem('it belongs to another account');
    if (!Array.isArray(body.orgs) || !Array.isArray(body.owners)) return problem('records missing');
    const watermark = body.watermark === null ? undefined : body.watermark;
    if (watermark !== undefined && !(typeof watermark === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(watermark))) return problem('bad sync watermark');
    const records: CompactOrganization[] = [];
    for (const t of body.orgs) {
      const c = fromTuple(t);
      if (!c) return problem(`record ${records.length + 1} is damaged`);
      records.push(c);
    }
    const ownerNames = new Map<number, string>();
    for (const o of body.owners) {
      if (!Array.isArray(o) || asId(o[0]) === undefined || typeof o[1] !== 'string') return problem('owner names damaged');
      ownerNames.set(o[0] as number, o[1]);
    }
    return { watermark, savedAt: typeof body.savedAt === 'number' ? body.savedAt : 0, contents: { records, ownerNames } };
  }

  /** Writes atomically. Never throws: a failure is logged and reported as false (the index stays in memory). */
  async save(contents: IndexContents, watermark: string | undefined, now = Date.now()): Promise<boolean> {
    const body: FileBody = {
      format: INDEX_FORMAT_VERSION,
      account: this.account,
      savedAt: now,
      watermark: watermark ?? null,
      owners: [...contents.ownerNames],
      orgs: contents.records.map(toTuple),
    };
    const temp = `${this.path}.${process.pid}.${++this.writes}.tmp`;
    try {
      await fs.mkdir(this.dir, { recursive: true });
      await fs.writeFile(temp, JSON.stringify(body), 'utf8');
      await fs.rename(temp, this.path);
      return true;
    } catch (e) {
      this.log(`Organization index: could not save to ${this.path} (${(e as Error).message}); it stays in memory for this session.`);
      await fs.rm(temp, { force: true }).catch(() => undefined);
      return false;
    }
  }

  /** Removes the file (sign-out, Refresh All from scratch). */
  async delete(): Promise<void> {
    await fs.rm(this.path, { force: true });
  }
}
