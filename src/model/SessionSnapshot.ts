// The users and organization fields of an account, kept on disk next to its organization index so
// a new session does not read them again (40 tokens of the company's daily budget each start).
// They change rarely: a snapshot older than MAX_AGE_MS, or Refresh All, reads them again. Written
// atomically (temp file + rename); anything unreadable is dropped with one log line.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { OrganizationField, User } from '../api';
import { accountHash, type IndexAccount } from './orgIndex/IndexFile';

export const SESSION_SNAPSHOT_FORMAT = 1;

/** Half a working day: users and custom fields added meanwhile show after at most this long (or Refresh All). */
export const MAX_AGE_MS = 12 * 3600_000;

export interface SessionData {
  readonly users: readonly User[];
  readonly fields: readonly OrganizationField[];
  readonly savedAt: number;
}

export class SessionSnapshot {
  readonly path: string;
  private readonly account: string;

  constructor(readonly dir: string, account: IndexAccount, private readonly log: (line: string) => void) {
    this.account = accountHash(account);
    this.path = path.join(dir, `session-${this.account.slice(0, 32)}.json`);
  }

  /** The snapshot when it is this account's, readable and younger than `maxAgeMs`; else undefined. */
  async load(now = Date.now(), maxAgeMs = MAX_AGE_MS): Promise<SessionData | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const body = JSON.parse(text) as { format?: unknown; account?: unknown; savedAt?: unknown; users?: unknown; fields?: unknown };
      // The reasons below only reach the log: a snapshot that does not fit is read again.
      if (body.format !== SESSION_SNAPSHOT_FORMAT || body.account !== this.account) throw new Error('another format or account'); // l10n-ignore: log only
      if (typeof body.savedAt !== 'number' || !Array.isArray(body.users) || !Array.isArray(body.fields)) throw new Error('missing parts'); // l10n-ignore: log only
      const users = body.users.filter((u): u is User => isRecordWithId(u) && typeof (u as { name?: unknown }).name === 'string');
      const fields = body.fields.filter((f): f is OrganizationField => isRecordWithId(f) && typeof (f as { key?: unknown }).key === 'string');
      if (users.length !== body.users.length || fields.length !== body.fields.length) throw new Error('a damaged record'); // l10n-ignore: log only
      if (now - body.savedAt > maxAgeMs || body.savedAt > now + 60_000) return undefined;
      return { users, fields, savedAt: body.savedAt };
    } catch (e) {
      this.log(`Dropped the saved users and fields (${e instanceof Error ? e.message : 'unreadable'}); they are read again.`);
      await fs.rm(this.path, { force: true }).catch(() => undefined);
      return undefined;
    }
  }

  async save(users: readonly User[], fields: readonly OrganizationField[], now = Date.now()): Promise<boolean> {
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      await fs.mkdir(this.dir, { recursive: true });
      await fs.writeFile(temp, JSON.stringify({ format: SESSION_SNAPSHOT_FORMAT, account: this.account, savedAt: now, users, fields }), 'utf8');
      await fs.rename(temp, this.path);
      return true;
    } catch (e) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      this.log(`Could not save users and fields: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  async delete(): Promise<void> {
    await fs.rm(this.path, { force: true }).catch(() => undefined);
  }
}

function isRecordWithId(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'number';
}
