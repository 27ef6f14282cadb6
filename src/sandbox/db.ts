// The in-memory store and Pipedrive's write semantics: add, update only the sent fields, delete,
// merge, followers; every write bumps update_time and leaves a changelog (and so flow) entry.
import { FILTERS, SavedFilter } from './company';
import { firstChar } from './firstChar';
import { Activity, Deal, Follower, Org, OrgSubs, Person } from './model';
import { SortKey, sortOrgs } from './orgSort';
import { buildOrg, buildSubs } from './seed';

export interface OrgCounts {
  people_count: number;
  open_deals_count: number; related_open_deals_count: number;
  closed_deals_count: number; related_closed_deals_count: number;
  won_deals_count: number; related_won_deals_count: number;
  lost_deals_count: number; related_lost_deals_count: number;
  email_messages_count: number;
  activities_count: number; done_activities_count: number; undone_activities_count: number;
  files_count: number; notes_count: number; followers_count: number;
}

/** Thrown by store operations; routes turn it into Pipedrive's error envelope. */
export class StoreError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

/** The fields a write may set, in internal form; undefined means "not sent, keep". */
export type OrgPatch = Partial<Pick<Org, 'name' | 'ownerId' | 'visibleTo' | 'labelIds' | 'address' | 'website'
  | 'linkedin' | 'industry' | 'annualRevenue' | 'employeeCount' | 'addTime'>> & { custom?: Record<string, unknown> };

export class Store {
  private orgs: (Org | undefined)[] = [];
  private subs = new Map<number, OrgSubs>();
  private persons = new Map<number, Person>();
  private deals = new Map<number, Deal>();
  private version = 0;
  private sortCache = new Map<string, Org[]>();
  private idCounter = 2_000_000_000;
  readonly now: () => number;

  constructor(readonly seed: number, readonly size: number, now: () => number = Date.now) {
    this.now = now;
    // push, not `length = size + 1`: a pre-sized empty array becomes a slow dictionary-mode array.
    this.orgs.push(undefined);
    for (let id = 1; id <= size; id++) this.orgs.push(buildOrg(seed, id));
  }

  /** A live (not deleted) org, or undefined. */
  org(id: number): Org | undefined {
    const o = this.orgs[id];
    return o && !o.deleted ? o : undefined;
  }

  /** An org including deleted ones (sub-resource listings by org id still see them). */
  anyOrg(id: number): Org | undefined {
    return this.orgs[id];
  }

  requireOrg(id: number): Org {
    const o = this.org(id);
    if (!o) throw new StoreError(404, 'Organization not found');
    return o;
  }

  get maxId(): number {
    return this.orgs.length - 1;
  }

  /** When an org last changed, deletion and merge included. */
  changeTime(org: Org): number {
    return Math.max(org.updateTime, org.deleteTime ?? 0);
  }

  /**
   * Orgs (live, deleted and merged away) changed at or after `since`, oldest change first: what
   * /v1/recents reports. Inclusive, so a change in the same second as the last sync is not lost.
   */
  changedSince(since: number): Org[] {
    const out: Org[] = [];
    for (const o of this.orgs) if (o && this.changeTime(o) >= since) out.push(o);
    return out.sort((a, b) => this.changeTime(a) - this.changeTime(b) || a.id - b.id);
  }

  /** Live orgs in id order. */
  liveOrgs(): Org[] {
    const key = 'live';
    let list = this.sortCache.get(key);
    if (!list) {
      list = [];
      for (const o of this.orgs) if (o && !o.deleted) list.push(o);
      this.sortCache.set(key, list);
    }
    return list;
  }

  /** Live orgs sorted; cached per sort until the next write, since 100k-row sorts are not free. */
  sorted(keys: SortKey[]): Org[] {
    const key = JSON.stringify(keys);
    let list = this.sortCache.get(key);
    if (!list) {
      list = sortOrgs(this.liveOrgs(), keys);
      this.sortCache.set(key, list);
    }
    return list;
  }

  subsOf(org: Org): OrgSubs {
    let s = this.subs.get(org.id);
    if (!s) {
      s = buildSubs(this.seed, org);
      this.subs.set(org.id, s);
      for (const p of s.persons) this.persons.set(p.id, p);
      for (const d of s.deals) this.deals.set(d.id, d);
    }
    return s;
  }

  person(id: number | null): Person | undefined {
    return id === null ? undefined : this.persons.get(id);
  }

  deal(id: number | null): Deal | undefined {
    return id === null ? undefined : this.deals.get(id);
  }

  counts(org: Org): OrgCounts {
    const s = this.subsOf(org);
    const c: OrgCounts = {
      people_count: s.persons.filter((p) => !p.deleted).length,
      open_deals_count: 0, related_open_deals_count: 0, closed_deals_count: 0, related_closed_deals_count: 0,
      won_deals_count: 0, related_won_deals_count: 0, lost_deals_count: 0, related_lost_deals_count: 0,
      email_messages_count: s.mails.length,
      activities_count: s.activities.length,
      done_activities_count: s.activities.filter((a) => a.done).length,
      undone_activities_count: s.activities.filter((a) => !a.done).length,
      files_count: s.files.length,
      notes_count: org.notes.length + s.extras.filter((x) => x.object === 'note').length,
      followers_count: s.followers.length,
    };
    for (const d of s.deals) {
      const rel = d.orgId === org.id ? '' : 'related_';
      if (d.status === 'open') c[`${rel}open_deals_count` as keyof OrgCounts]++;
      if (d.status === 'won' || d.status === 'lost') c[`${rel}closed_deals_count` as keyof OrgCounts]++;
      if (d.status === 'won') c[`${rel}won_deals_count` as keyof OrgCounts]++;
      if (d.status === 'lost') c[`${rel}lost_deals_count` as keyof OrgCounts]++;
    }
    return c;
  }

  /** The next undone and the last done activity, as Pipedrive shows on the org. */
  activityMarks(org: Org): { next: Activity | null; last: Activity | null } {
    let next: Activity | null = null;
    let last: Activity | null = null;
    for (const a of this.subsOf(org).activities) {
      if (!a.done && (!next || a.dueTime < next.dueTime)) next = a;
      if (a.done && (!last || a.dueTime > last.dueTime)) last = a;
    }
    return { next, last };
  }

  nextId(): number {
    return ++this.idCounter;
  }

  private touched(): void {
    this.version++;
    this.sortCache.clear();
  }

  addOrg(patch: OrgPatch & { name: string }, actor: number): Org {
    const id = this.orgs.length;
    const now = this.now();
    const org: Org = {
      id, name: patch.name, ownerId: patch.ownerId ?? actor, addTime: patch.addTime ?? now, updateTime: now,
      visibleTo: patch.visibleTo ?? 3, labelIds: patch.labelIds ?? [], address: patch.address ?? null,
      website: patch.website ?? null, linkedin: patch.linkedin ?? null, industry: patch.industry ?? null,
      annualRevenue: patch.annualRevenue ?? null, employeeCount: patch.employeeCount ?? null,
      custom: patch.custom ?? {}, notes: [], deleted: false, deleteTime: null,
    };
    this.orgs.push(org);
    this.subs.set(id, {
      persons: [], deals: [], activities: [], files: [], followers: [], followerChanges: [], mails: [], changes: [], extras: [],
    });
    // Pipedrive makes the owner the first follower of a new org.
    this.addFollower(org, org.ownerId, actor, true);
    this.logChange(org, 'name', null, org.name, actor, false);
    this.touched();
    return org;
  }

  /** Applies only the fields present in the patch; each changed field gets a changelog entry. */
  updateOrg(org: Org, patch: OrgPatch, actor: number): Org {
    const fields: [keyof OrgPatch, keyof Org, string][] = [
      ['name', 'name', 'name'], ['ownerId', 'ownerId', 'owner_id'], ['visibleTo', 'visibleTo', 'visible_to'],
      ['labelIds', 'labelIds', 'label_ids'], ['address', 'address', 'address'], ['website', 'website', 'website'],
      ['linkedin', 'linkedin', 'linkedin'], ['industry', 'industry', 'industry'],
      ['annualRevenue', 'annualRevenue', 'annual_revenue'], ['employeeCount', 'employeeCount', 'employee_count'],
    ];
    for (const [pk, ok, key] of fields) {
      if (patch[pk] === undefined) continue;
      const before = (org as unknown as Record<string, unknown>)[ok];
      const after = patch[pk];
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      (org as unknown as Record<string, unknown>)[ok] = after;
      this.logChange(org, key, show(before), show(after), actor, false);
    }
    for (const [key, value] of Object.entries(patch.custom ?? {})) {
      const before = org.custom[key];
      if (JSON.stringify(before) === JSON.stringify(value)) continue;
      if (value === null) delete org.custom[key]; else org.custom[key] = value;
      this.logChange(org, key, show(before), show(value), actor, true);
    }
    org.updateTime = this.bumpedNow(org);
    this.touched();
    return org;
  }

  deleteOrg(org: Org, actor: number): void {
    org.deleted = true;
    org.deleteTime = this.now();
    org.updateTime = this.bumpedNow(org);
    this.logChange(org, 'active_flag', 'true', 'false', actor, false);
    this.touched();
  }

  /** Merges `fromId` into `intoId`: the survivor keeps its own values and gains the other's items. */
  merge(fromId: number, intoId: number, actor: number): Org {
    if (fromId === intoId) throw new StoreError(400, 'Cannot merge an organization with itself');
    const from = this.requireOrg(fromId);
    const into = this.org(intoId);
    if (!into) throw new StoreError(400, `Organization to merge with (merge_with_id ${intoId}) not found`);
    const a = this.subsOf(from);
    const b = this.subsOf(into);
    for (const p of a.persons) p.orgId = into.id;
    for (const d of a.deals) {
      if (d.orgId === from.id) d.orgId = into.id;
      d.relatedOrgId = into.id;
    }
    for (const x of a.activities) x.orgId = into.id;
    for (const f of a.files) f.orgId = into.id;
    for (const m of a.mails) m.orgId = into.id;
    const following = new Set(b.followers.map((f) => f.userId));
    for (const f of a.followers) if (!following.has(f.userId)) b.followers.push({ ...f, orgId: into.id });
    b.persons.push(...a.persons); b.deals.push(...a.deals); b.activities.push(...a.activities);
    b.files.push(...a.files); b.mails.push(...a.mails); b.extras.push(...a.extras); b.changes.push(...a.changes);
    Object.assign(a, { persons: [], deals: [], activities: [], files: [], mails: [], extras: [], changes: [], followers: [] });
    // Empty fields of the survivor are filled from the merged org; set values win.
    for (const k of ['address', 'website', 'linkedin', 'industry', 'annualRevenue', 'employeeCount'] as const) {
      if (into[k] === null && from[k] !== null) (into as unknown as Record<string, unknown>)[k] = from[k];
    }
    into.custom = { ...from.custom, ...into.custom };
    into.notes = [...into.notes, ...from.notes];
    into.labelIds = into.labelIds.length ? into.labelIds : from.labelIds;
    from.deleted = true;
    from.deleteTime = this.now();
    from.mergedIntoId = into.id;
    // The merged-away org is a deletion: its update_time moves like a deleted org's, so recents lists it.
    from.updateTime = this.bumpedNow(from);
    this.logChange(into, 'merged_from', String(from.id), String(into.id), actor, false);
    into.updateTime = this.bumpedNow(into);
    this.touched();
    return into;
  }

  addFollower(org: Org, userId: number, actor: number, quiet = false): Follower {
    const s = this.subsOf(org);
    if (s.followers.some((f) => f.userId === userId)) {
      throw new StoreError(400, 'The user is already following this organization');
    }
    const now = this.now();
    const f: Follower = { id: this.nextId(), orgId: org.id, userId, addTime: now };
    s.followers.push(f);
    s.followerChanges.push({ action: 'added', actorUserId: actor, followerUserId: userId, time: now });
    if (!quiet) { org.updateTime = this.bumpedNow(org); this.touched(); }
    return f;
  }

  /** Removes by follower record id (v1) or by user id (v2). */
  removeFollower(org: Org, match: { id?: number; userId?: number }, actor: number): Follower {
    const s = this.subsOf(org);
    const i = s.followers.findIndex((f) => (match.id !== undefined ? f.id === match.id : f.userId === match.userId));
    if (i < 0) throw new StoreError(404, 'Follower not found');
    const [f] = s.followers.splice(i, 1);
    s.followerChanges.push({ action: 'removed', actorUserId: actor, followerUserId: f.userId, time: this.now() });
    org.updateTime = this.bumpedNow(org);
    this.touched();
    return f;
  }

  /** Applies a saved filter; unknown filter id is an error, as in Pipedrive. */
  filter(id: number): (org: Org) => boolean {
    const f = FILTERS.find((x) => x.id === id);
    if (!f) throw new StoreError(400, `Filter ${id} not found`);
    return filterPredicate(f);
  }

  private logChange(org: Org, fieldKey: string, oldValue: string | null, newValue: string | null, actor: number, custom: boolean): void {
    this.subsOf(org).changes.push({ id: this.nextId(), fieldKey, oldValue, newValue, actorUserId: actor, time: this.now(), custom });
  }

  /**
   * update_time must visibly move on every write. Both API versions show whole seconds, so two
   * writes within one second push the second write to the next second.
   */
  private bumpedNow(org: Org): number {
    const now = this.now();
    const prevSecond = Math.floor(org.updateTime / 1000);
    return Math.floor(now / 1000) > prevSecond ? now : (prevSecond + 1) * 1000;
  }
}

function show(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return (v as { value?: unknown }).value !== undefined && !Array.isArray(v) ? String((v as { value: unknown }).value) : JSON.stringify(v);
  return String(v);
}

export function filterPredicate(f: SavedFilter): (org: Org) => boolean {
  const tests = f.conditions.map((c) => {
    const value = c.value;
    const get = (o: Org): unknown => {
      switch (c.field_id) {
        case 'owner_id': return o.ownerId;
        case 'label': return o.labelIds;
        case 'name': return o.name;
        case 'first_char': return firstChar(o.name);
        default: return o.custom[c.field_id];
      }
    };
    return (o: Org): boolean => {
      const v = get(o);
      const eq = Array.isArray(v) ? v.includes(value) : v === value;
      if (c.operator === '=') return eq;
      if (c.operator === '!=') return !eq;
      return typeof v === 'string' && v.toLocaleLowerCase().includes(String(value).toLocaleLowerCase());
    };
  });
  return (o) => tests.every((t) => t(o));
}
