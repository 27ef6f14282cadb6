// Builds the index, its file and its sync against a sandbox (or any server speaking its routes),
// the way the extension wires them: the real client for the v2 list, HTTP recents, a temp folder
// standing in for globalStorageUri.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeClient } from '../../helpers/clientKit';
import { IndexFile, type IndexAccount } from '../../../../src/model/orgIndex/IndexFile';
import { clientSource, type RecentsFetcher } from '../../../../src/model/orgIndex/IndexSource';
import { IndexSync, type IndexSyncOptions } from '../../../../src/model/orgIndex/IndexSync';
import { OrganizationIndex } from '../../../../src/model/orgIndex/OrganizationIndex';
import type { IndexChange } from '../../../../src/model/orgIndex/types';
import type { RequestLogEntry } from '../../../../src/sandbox/types';
import { sandboxRecents } from './sandboxRecents';

export interface IndexRig {
  index: OrganizationIndex;
  sync: IndexSync;
  file: IndexFile;
  lines: string[];
  changes: IndexChange[];
}

export function tempStorage(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'orgindex-'));
}

export function accountOf(url: string, userId = 1): IndexAccount {
  return { baseUrl: url, companyId: 1, userId };
}

export interface RigOptions {
  /** Server for the v2 list (default: url). */
  listUrl?: string;
  recents?: RecentsFetcher;
  account?: IndexAccount;
  locale?: string;
  sync?: Partial<IndexSyncOptions>;
}

/** One "session": a fresh index, file handle and sync, as after an extension start. */
export function rig(url: string, token: string, dir: string, opts: RigOptions = {}): IndexRig {
  const { client } = makeClient(opts.listUrl ?? url, token);
  const lines: string[] = [];
  const log = (l: string): void => void lines.push(l);
  const index = new OrganizationIndex({ locale: opts.locale ?? 'en' });
  const changes: IndexChange[] = [];
  index.onDidChange((c) => changes.push(c));
  const file = new IndexFile(dir, opts.account ?? accountOf(url), log);
  const sync = new IndexSync({ index, source: clientSource(client.v2, opts.recents ?? sandboxRecents(url, token)), file, log, ...opts.sync });
  return { index, sync, file, lines, changes };
}

export const isList = (e: RequestLogEntry): boolean => e.method === 'GET' && e.path === '/api/v2/organizations';
export const isRecents = (e: RequestLogEntry): boolean => e.method === 'GET' && e.path === '/v1/recents';
