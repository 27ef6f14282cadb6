// What the documents of this session were opened from (no vscode): per organization, the records
// rendered or written by update_time, and which version each of our own saves turned a document's
// version into. A save compares the text's version (its readOnly.update_time) with the server's.
import type { Organization } from '../api';

/** Versions kept per organization: enough for a few saves in a row of one open document. */
const KEEP = 8;

export class DocumentVersions {
  private readonly records = new Map<number, Map<string, Organization>>();
  /** Per organization: a document version → the version our save of it produced. */
  private readonly saved = new Map<number, Map<string, string>>();

  /** Remembers a record as a version a document may have been rendered from. */
  remember(org: Organization): void {
    let byTime = this.records.get(org.id);
    if (!byTime) this.records.set(org.id, (byTime = new Map()));
    byTime.delete(org.update_time);
    byTime.set(org.update_time, org);
    while (byTime.size > KEEP) byTime.delete(byTime.keys().next().value as string);
  }

  /** The record of this version, if this session saw it. */
  record(id: number, updateTime: string): Organization | undefined {
    return this.records.get(id)?.get(updateTime);
  }

  /** The newest record seen. */
  latest(id: number): Organization | undefined {
    const byTime = this.records.get(id);
    return byTime ? [...byTime.values()].pop() : undefined;
  }

  /** Our save turned a document of version `from` into the server's version `to`. */
  noteSaved(id: number, from: string, to: string): void {
    let map = this.saved.get(id);
    if (!map) this.saved.set(id, (map = new Map()));
    map.set(from, to);
    // A document saved twice without reloading still says `from`: follow the chain.
    for (const [k, v] of map) if (v === from) map.set(k, to);
    while (map.size > KEEP) map.delete(map.keys().next().value as string);
  }

  /** The server version a document of this version stands for, after our own saves of it. */
  effective(id: number, updateTime: string): string {
    return this.saved.get(id)?.get(updateTime) ?? updateTime;
  }

  forget(id: number): void {
    this.records.delete(id);
    this.saved.delete(id);
  }

  clear(): void {
    this.records.clear();
    this.saved.clear();
  }
}
