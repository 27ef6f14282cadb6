// The organization index in memory: every organization of the account in compact form, queried
// locally (group, owner, sort, page) so expanding a letter costs no request. IndexSync fills and
// updates it; the tree and the store read it through OrganizationIndexView only.
import type { Organization } from '../../api/records';
import { asBool, asId, asRecord } from '../../api/coerce';
import { OTHER_GROUP } from '../../api/firstChar';
import { comparatorFor, formatSort, type SortSpec } from '../../api/sortSpec';
import { CompactOrganization, compactOrganization, expandOrganization, ownerNameOf, sameCompact } from './CompactOrganization';
import type { IndexChange, IndexGroup, IndexQuery, OrganizationIndexView } from './types';

export interface OrganizationIndexOptions {
  /** VS Code's display language (vscode.env.language), for name order and group order. */
  locale?: string;
  /** Owner names from the users list, when the host has one; names seen on records are used otherwise. */
  ownerName?: (userId: number) => string | undefined;
}

/** What the index holds, for IndexFile: the records and the owner names seen on them. */
export interface IndexContents {
  readonly records: readonly CompactOrganization[];
  readonly ownerNames: ReadonlyMap<number, string>;
}

type Listener = (change: IndexChange) => void;

const ALL = '\u0000all';

export class OrganizationIndex implements OrganizationIndexView {
  private readonly records = new Map<number, CompactOrganization>();
  private readonly ownerNames = new Map<number, string>();
  private readonly groupCounts = new Map<string, number>();
  /** Sorted lists per (sort, group, owner): a letter expanded 50 times is sorted once. */
  private readonly sorted = new Map<string, { group: string; list: CompactOrganization[] }>();
  private readonly ownerGroups = new Map<number, IndexGroup[]>();
  private allGroups: IndexGroup[] | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly collator: Intl.Collator;
  private isReady = false;

  constructor(private readonly options: OrganizationIndexOptions = {}) {
    this.collator = new Intl.Collator(options.locale || undefined, { sensitivity: 'base', numeric: true });
  }

  get ready(): boolean {
    return this.isReady;
  }

  get size(): number {
    return this.records.size;
  }

  groups(ownerId?: number): IndexGroup[] {
    if (ownerId === undefined) {
      this.allGroups ??= this.orderGroups(this.groupCounts);
      return [...this.allGroups];
    }
    let groups = this.ownerGroups.get(ownerId);
    if (!groups) {
      const counts = new Map<string, number>();
      for (const r of this.records.values()) if (r.ownerId === ownerId) counts.set(r.group, (counts.get(r.group) ?? 0) + 1);
      groups = this.orderGroups(counts);
      this.ownerGroups.set(ownerId, groups);
    }
    return [...groups];
  }

  query(q: IndexQuery): { items: Organization[]; total: number } {
    const list = this.sortedList(q.sort, q.group, q.ownerId);
    const start = Math.max(0, Math.floor(q.start) || 0);
    const limit = Math.max(0, Math.floor(q.limit) || 0);
    return { items: list.slice(start, start + limit).map((c) => this.expand(c)), total: list.length };
  }

  get(id: number): Organization | undefined {
    const c = this.records.get(id);
    return c ? this.expand(c) : undefined;
  }

  /** True when the index holds the organization (cheaper than get: no record is built). */
  has(id: number): boolean {
    return this.records.has(id);
  }

  /** Every id, for a walk that must learn which organizations are gone. */
  ids(): number[] {
    return [...this.records.keys()];
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /**
   * Records from any route; those with `active_flag: false` (recents reports deleted and merged-away
   * organizations so) are removed, records without a usable id skipped, and a record older (by
   * update_time) than the one held is ignored. One change event.
   */
  /**
   * Adds or replaces organizations. A record older than the one held is skipped (a page read
   * before an own write), unless `replaceNewer(id)` says the caller's copy is authoritative (a full
   * walk: the server's current state, even when its update_time went back, e.g. after a restore).
   */
  upsert(orgs: readonly Organization[], replaceNewer?: (id: number) => boolean): IndexChange {
    return this.apply(orgs, [], replaceNewer);
  }

  /** Upserts and removals as one change event (a merge: the survivor changed, the other gone). */
  apply(orgs: readonly Organization[], removedIds: readonly number[], replaceNewer?: (id: number) => boolean): IndexChange {
    const compact: CompactOrganization[] = [];
    const removed: number[] = [...removedIds];
    for (const org of orgs) {
      if (asBool(asRecord(org)?.active_flag) === false) {
        const id = asId(asRecord(org)?.id);
        if (id !== undefined) removed.push(id);
        continue;
      }
      const c = compactOrganization(org);
      if (!c) continue;
      const ownerName = ownerNameOf(org);
      if (c.ownerId > 0 && ownerName) this.ownerNames.set(c.ownerId, ownerName);
      compact.push(c);
    }
    return this.change(compact, removed, false, replaceNewer);
  }

  remove(ids: readonly number[]): IndexChange {
    return this.change([], ids, false);
  }

  /** Removes every organization whose id is not in `keep` (the end of a full walk). Fires a reset. */
  retainOnly(keep: ReadonlySet<number>): IndexChange {
    const gone = [...this.records.keys()].filter((id) => !keep.has(id));
    return this.change([], gone, true);
  }

  /** Replaces everything (a file loaded from disk). Fires a reset. */
  replaceAll(contents: IndexContents, ready: boolean): IndexChange {
    this.records.clear();
    this.groupCounts.clear();
    this.ownerNames.clear();
    for (const [id, name] of contents.ownerNames) this.ownerNames.set(id, name);
    this.isReady = ready;
    return this.change(contents.records, [], true);
  }

  /** Forgets everything (sign-out, another account). Fires a reset. */
  clear(): IndexChange {
    this.records.clear();
    this.groupCounts.clear();
    this.isReady = false;
    return this.change([], [], true);
  }

  /** Marks the set complete or not; a change of state fires a reset so readers ask again. */
  setReady(ready: boolean): void {
    if (this.isReady === ready) return;
    this.isReady = ready;
    this.change([], [], true);
  }

  /** The records and owner names, for IndexFile. */
  contents(): IndexContents {
    return { records: [...this.records.values()], ownerNames: new Map(this.ownerNames) };
  }

  private change(upserts: readonly CompactOrganization[], removedIds: readonly number[], reset: boolean, replaceNewer?: (id: number) => boolean): IndexChange {
    const touched = new Set<string>();
    const upserted: number[] = [];
    const removed: number[] = [];
    for (const c of upserts) {
      const old = this.records.get(c.id);
      // A page read before one of our own writes must not put the older version back.
      if (old && c.updateTime > 0 && old.updateTime > c.updateTime && !replaceNewer?.(c.id)) continue;
      // Recents re-reports the hour before the last sync (the clock margin): no event for no change.
      if (old && sameCompact(old, c)) continue;
      if (old) {
        this.count(old.group, -1);
        touched.add(old.group);
      }
      this.records.set(c.id, c);
      this.count(c.group, 1);
      touched.add(c.group);
      upserted.push(c.id);
    }
    for (const id of removedIds) {
      const old = this.records.get(id);
      if (!old) continue;
      this.records.delete(id);
      this.count(old.group, -1);
      touched.add(old.group);
      removed.push(id);
    }
    if (reset) this.sorted.clear();
    else this.invalidate(touched);
    this.allGroups = undefined;
    this.ownerGroups.clear();
    const change: IndexChange = { upserted, removed, reset };
    if (reset || upserted.length > 0 || removed.length > 0) for (const l of [...this.listeners]) l(change);
    return change;
  }

  private count(group: string, delta: number): void {
    const n = (this.groupCounts.get(group) ?? 0) + delta;
    if (n > 0) this.groupCounts.set(group, n);
    else this.groupCounts.delete(group);
  }

  /** Drops the sorted lists a change can affect: those of the groups touched, and the ungrouped ones. */
  private invalidate(groups: ReadonlySet<string>): void {
    if (groups.size === 0) return;
    for (const [key, entry] of this.sorted) if (entry.group === ALL || groups.has(entry.group)) this.sorted.delete(key);
  }

  private sortedList(sort: SortSpec, group: string | undefined, ownerId: number | undefined): CompactOrganization[] {
    const g = group ?? ALL;
    const key = `${formatSort(sort)}\u0000${g}\u0000${ownerId ?? ''}`;
    let entry = this.sorted.get(key);
    if (!entry) {
      const list: CompactOrganization[] = [];
      for (const r of this.records.values()) {
        if (group !== undefined && r.group !== group) continue;
        if (ownerId !== undefined && r.ownerId !== ownerId) continue;
        list.push(r);
      }
      list.sort(comparatorFor<CompactOrganization>(sort, this.collator, (r, field) => this.read(r, field)));
      entry = { group: g, list };
      this.sorted.set(key, entry);
    }
    return entry.list;
  }

  /** A record's value for a sort field, in the types comparatorFor compares (times as numbers). */
  private read(r: CompactOrganization, field: string): unknown {
    switch (field) {
      case 'id': return r.id;
      case 'name': return r.name;
      case 'update_time': return r.updateTime || undefined;
      case 'add_time': return r.addTime || undefined;
      case 'owner_id': return r.ownerId || undefined;
      case 'owner_name': return this.ownerNameOf(r.ownerId);
      case 'visible_to': return r.visibleTo || undefined;
      case 'label': return r.labelIds[0];
      case 'address': return r.address;
      case 'address_locality': return r.locality;
      default: return undefined;
    }
  }

  private ownerNameOf(ownerId: number): string | undefined {
    return ownerId > 0 ? this.options.ownerName?.(ownerId) ?? this.ownerNames.get(ownerId) : undefined;
  }

  private expand(c: CompactOrganization): Organization {
    return expandOrganization(c, this.ownerNameOf(c.ownerId));
  }

  /** Groups in display order: by the collator (ties by code point, so Ö stays next to O), Other last. */
  private orderGroups(counts: ReadonlyMap<string, number>): IndexGroup[] {
    const keys = [...counts.keys()].filter((k) => k !== OTHER_GROUP);
    keys.sort((a, b) => this.collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
    const out = keys.map((key) => ({ key, count: counts.get(key)! }));
    const other = counts.get(OTHER_GROUP);
    if (other) out.push({ key: OTHER_GROUP, count: other });
    return out;
  }
}
