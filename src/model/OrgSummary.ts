import type { CollectionOrganization, Organization, User } from '../api';
import { asId, asOptText, asRecord, asText, mapRecords, type OnSkip } from '../api/coerce';
import { ownerIdOf, recordCounts } from './organization';

/** Counts shown on the organization's groups, when the record carries them. */
export interface OrgCounts {
  persons?: number;
  deals?: number;
  activities?: number;
  files?: number;
  followers?: number;
}

/**
 * What the tree shows of one organization, merged from whatever record we saw last (the full v1
 * list record, the lean collection record, or a record a command created or updated).
 */
export interface OrgSummary {
  id: number;
  name: string;
  ownerId?: number;
  ownerName?: string;
  locality?: string;
  address?: string;
  updateTime?: string;
  counts: OrgCounts;
  /** Whether the signed-in user follows it, once known (follow/unfollow commands set it). */
  followed?: boolean;
  /** The last full record, when one was seen. */
  record?: Organization;
}

export function summaryFromOrganization(record: Organization): OrgSummary {
  const org = (asRecord(record) ?? {}) as Record<string, unknown>;
  const ownerId = ownerIdOf(org.owner_id);
  const ownerName = asOptText(org.owner_name) ?? asOptText(asRecord(org.owner_id)?.name);
  return {
    id: asId(org.id) ?? 0,
    name: asText(org.name),
    ownerId,
    ownerName,
    locality: asOptText(org.address_locality),
    address: asOptText(org.address),
    updateTime: asOptText(org.update_time),
    counts: recordCounts(org),
    record: record,
  };
}

export function summaryFromCollection(record: CollectionOrganization, users?: ReadonlyMap<number, User>): OrgSummary {
  const org = (asRecord(record) ?? {}) as Record<string, unknown>;
  const ownerId = asId(org.owner_id);
  return {
    id: asId(org.id) ?? 0,
    name: asText(org.name),
    ownerId,
    ownerName: ownerId !== undefined ? asOptText(users?.get(ownerId)?.name) : undefined,
    locality: asOptText(org.address_locality),
    address: asOptText(org.address),
    updateTime: asOptText(org.update_time),
    counts: {},
  };
}

/**
 * Summaries of a page of records; records without a usable id are left out and reported through
 * `onSkip` (the store logs them) instead of becoming a node nobody can open.
 */
export function summariesOf<R>(records: readonly R[] | unknown, from: (record: R) => OrgSummary, onSkip?: OnSkip): OrgSummary[] {
  return mapRecords(records, 'organization', (rec) => (asId(rec.id) === undefined ? undefined : from(rec as R)), onSkip);
}

/** Newer values win; fields the newer record lacks keep what we knew. */
export function mergeSummary(old: OrgSummary | undefined, next: OrgSummary): OrgSummary {
  if (!old) return next;
  const merged: OrgSummary = { ...old };
  for (const [k, v] of Object.entries(next) as [keyof OrgSummary, unknown][]) {
    if (k === 'counts' || v === undefined) continue;
    (merged as unknown as Record<string, unknown>)[k] = v;
  }
  merged.counts = { ...old.counts };
  for (const [k, v] of Object.entries(next.counts) as [keyof OrgCounts, number | undefined][]) {
    if (v !== undefined) merged.counts[k] = v;
  }
  return merged;
}
